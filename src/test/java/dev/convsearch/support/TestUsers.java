package dev.convsearch.support;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.convsearch.security.ApiKeys;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The users the tests act as; each test class works with users of its own so classes never see each other's data. */
public enum TestUsers {
    ALICE,
    BOB,
    CAROL,
    DAVE,
    ERIN,
    FRANK,
    GRACE,
    HEIDI,
    IVAN,
    JUDY,
    MALLORY,
    OSCAR,
    PEGGY,
    QUENTIN,
    RUPERT,
    SYBIL,
    TRENT,
    VICTOR,
    WALTER,
    XAVIER,
    YVONNE,
    ZARA,
    ABEL,
    BEA,
    CLEO,
    DORA,
    EMIL,
    FERN,
    GUS,
    HUGO,
    IRIS,
    JACK,
    KIM,
    LEO,
    MIA,
    NINA;

    /** The user id (the lowercase name). */
    public String id() {
        return name().toLowerCase();
    }

    /** The user's API key. */
    public String key() {
        return "cs_test_key_of_" + id();
    }

    /** A request authenticated as this user with the OpenHands header. */
    public RequestSpecification request() {
        return given().header("X-Session-API-Key", key()).contentType(ContentType.JSON);
    }

    /** The value of {@code convsearch.auth.static-keys} for every test user. */
    static String staticKeysSetting() {
        return Arrays.stream(values())
                .map(u -> u.id() + ":" + ApiKeys.sha256Hex(u.key()))
                .collect(Collectors.joining(","));
    }
}
