package dev.convsearch.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the manifests the build generates (target/kubernetes) as a cluster would: the Deployment and the Knative
 * Service meet the "restricted" Pod Security Standard with a read-only root file system and a writable /tmp; an HPA
 * scales the Deployment; probes and resources are all there.
 */
class KubernetesManifestsIT {

    private static final Path MANIFESTS = Path.of("target", "kubernetes");
    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void theDeploymentMeetsTheRestrictedStandard() throws IOException {
        JsonNode pod = find(read("kubernetes.yml"), "Deployment").at("/spec/template/spec");
        assertRestricted(pod);
    }

    @Test
    void theKnativeServiceMeetsTheRestrictedStandard() throws IOException {
        JsonNode pod = find(read("knative.yml"), "Service", "serving.knative.dev/v1").at("/spec/template/spec");
        assertRestricted(pod);
    }

    @Test
    void anAutoscalerScalesTheDeploymentOnCpuWithAStabilisedScaleDown() throws IOException {
        List<JsonNode> resources = read("kubernetes.yml");
        JsonNode hpa = find(resources, "HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals(find(resources, "Deployment").at("/metadata/name").asText(),
                hpa.at("/spec/scaleTargetRef/name").asText());
        assertEquals(2, hpa.at("/spec/minReplicas").asInt());
        assertEquals(10, hpa.at("/spec/maxReplicas").asInt());
        assertEquals("cpu", hpa.at("/spec/metrics/0/resource/name").asText());
        assertTrue(hpa.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt() > 0, hpa.toString());
    }

    @Test
    void probesAndResourcesAreThere() throws IOException {
        for (JsonNode container : List.of(
                find(read("kubernetes.yml"), "Deployment").at("/spec/template/spec/containers/0"),
                find(read("knative.yml"), "Service", "serving.knative.dev/v1").at("/spec/template/spec/containers/0"))) {
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), container.toString());
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
            assertFalse(container.at("/resources/requests/cpu").isMissingNode(), "CPU request");
            assertFalse(container.at("/resources/requests/memory").isMissingNode(), "memory request");
            assertFalse(container.at("/resources/limits/memory").isMissingNode(), "memory limit");
        }
        JsonNode deployment = find(read("kubernetes.yml"), "Deployment").at("/spec/template/spec/containers/0");
        assertEquals("/q/health/started", deployment.at("/startupProbe/httpGet/path").asText());
    }

    /**
     * The "restricted" profile, pod and container together (a container setting may stand for the pod's): non-root,
     * no privilege escalation, every capability dropped, the RuntimeDefault seccomp profile, no host namespaces, ports
     * or paths, volumes only of the allowed kinds; and, beyond it, a read-only root with /tmp an emptyDir.
     */
    private static void assertRestricted(JsonNode pod) {
        assertFalse(pod.isMissingNode(), "a pod spec");
        JsonNode podContext = pod.path("securityContext");
        for (String hostField : List.of("hostNetwork", "hostPID", "hostIPC")) {
            assertFalse(pod.path(hostField).asBoolean(false), hostField);
        }
        List<String> emptyDirs = new ArrayList<>();
        for (JsonNode volume : pod.path("volumes")) {
            assertTrue(volume.has("emptyDir") || volume.has("secret") || volume.has("configMap")
                    || volume.has("persistentVolumeClaim") || volume.has("projected") || volume.has("downwardAPI"),
                    "a volume of an allowed kind: " + volume);
            if (volume.has("emptyDir")) {
                emptyDirs.add(volume.path("name").asText());
            }
        }
        assertTrue(pod.path("containers").size() > 0, "containers");
        for (JsonNode container : pod.path("containers")) {
            JsonNode context = container.path("securityContext");
            String name = container.path("name").asText();
            assertTrue(context.path("runAsNonRoot").asBoolean(false) || podContext.path("runAsNonRoot").asBoolean(false),
                    name + ": runAsNonRoot");
            assertFalse(context.path("runAsUser").asInt(-1) == 0 || podContext.path("runAsUser").asInt(-1) == 0,
                    name + ": not uid 0");
            assertEquals("false", context.path("allowPrivilegeEscalation").asText(), name + ": allowPrivilegeEscalation");
            assertFalse(context.path("privileged").asBoolean(false), name + ": privileged");
            List<String> dropped = new ArrayList<>();
            context.at("/capabilities/drop").forEach(capability -> dropped.add(capability.asText()));
            assertTrue(dropped.contains("ALL"), name + ": drops ALL capabilities: " + dropped);
            JsonNode added = context.at("/capabilities/add");
            assertTrue(added.isMissingNode() || added.size() == 0
                    || (added.size() == 1 && added.get(0).asText().equals("NET_BIND_SERVICE")), name + ": adds " + added);
            String seccomp = context.at("/seccompProfile/type").isMissingNode()
                    ? podContext.at("/seccompProfile/type").asText()
                    : context.at("/seccompProfile/type").asText();
            assertTrue(seccomp.equals("RuntimeDefault") || seccomp.equals("Localhost"), name + ": seccomp " + seccomp);
            for (JsonNode port : container.path("ports")) {
                assertTrue(port.path("hostPort").isMissingNode() || port.path("hostPort").asInt() == 0,
                        name + ": hostPort");
            }
            assertTrue(context.path("readOnlyRootFilesystem").asBoolean(false), name + ": read-only root");
            boolean tmp = false;
            for (JsonNode mount : container.path("volumeMounts")) {
                tmp |= mount.path("mountPath").asText().equals("/tmp")
                        && emptyDirs.contains(mount.path("name").asText());
            }
            assertTrue(tmp, name + ": /tmp is an emptyDir: " + container.path("volumeMounts"));
        }
    }

    private static List<JsonNode> read(String file) throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(MANIFESTS.resolve(file).toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(resources::add);
        }
        return resources;
    }

    private static JsonNode find(List<JsonNode> resources, String kind) {
        return find(resources, kind, null);
    }

    private static JsonNode find(List<JsonNode> resources, String kind, String apiVersion) {
        JsonNode found = resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind))
                .filter(r -> apiVersion == null || r.path("apiVersion").asText().equals(apiVersion))
                .findFirst().orElse(null);
        assertNotNull(found, "a " + kind + " in " + resources.stream().map(r -> r.path("kind").asText()).toList());
        return found;
    }
}
