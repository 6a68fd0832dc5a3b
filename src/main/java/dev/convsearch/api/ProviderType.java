package dev.convsearch.api;

/** The git provider of the selected repository (the spec's {@code ProviderType}). */
public enum ProviderType implements WireEnum {
    GITHUB("github"),
    GITLAB("gitlab"),
    BITBUCKET("bitbucket"),
    ENTERPRISE_SSO("enterprise_sso");

    private final String wire;

    ProviderType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
