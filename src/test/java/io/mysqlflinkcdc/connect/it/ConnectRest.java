package io.mysqlflinkcdc.connect.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Connect REST API, as a user drives it with curl. */
public final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConnectRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, JsonNode body, String text) {
        Response expect(int... expected) {
            for (int code : expected) {
                if (status == code) {
                    return this;
                }
            }
            throw new AssertionError("HTTP " + status + " (expected " + java.util.Arrays.toString(expected) + "): " + text);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    void awaitReady(Duration timeout, JavaProcess worker) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!worker.isAlive()) {
                throw new IllegalStateException("Connect worker exited during start-up; see " + worker.log());
            }
            try {
                Response plugins = get("/connector-plugins");
                if (plugins.status() == 200 && plugins.text().contains("MySqlFlinkCdcSourceConnector")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Connect worker did not list the plugin within " + timeout + "; see " + worker.log());
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response put(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
    }

    public Response patch(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode body = null;
        if (text != null && !text.isBlank()) {
            try {
                body = JSON.readTree(text);
            } catch (IOException notJson) {
                body = null;
            }
        }
        return new Response(response.statusCode(), body, text);
    }

    public void createConnector(String name, Map<String, String> config) throws Exception {
        put("/connectors/" + name + "/config", config).expect(200, 201);
    }

    /** Creates the connector STOPPED (Kafka 3.7+, KIP-980), e.g. to set its offsets before it first runs. */
    public void createStoppedConnector(String name, Map<String, String> config) throws Exception {
        post("/connectors", Map.of("name", name, "config", config, "initial_state", "STOPPED")).expect(201);
    }

    public JsonNode status(String name) throws Exception {
        return get("/connectors/" + name + "/status").expect(200).body();
    }

    /** Waits until the connector's status satisfies {@code condition}; returns that status. */
    public JsonNode awaitStatus(String name, Predicate<JsonNode> condition, Duration timeout, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Response response = get("/connectors/" + name + "/status");
            if (response.status() == 200) {
                last = response.body();
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("Connector " + name + " did not reach '" + what + "' within " + timeout
                + "; last status: " + last);
    }

    /**
     * Waits until the connector has exactly {@code count} task configs and tasks 0..count-1 are all
     * RUNNING (a task removed by a smaller tasks.max may linger in the status); returns the status.
     */
    public JsonNode awaitTasksRunning(String name, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int taskConfigs = -1;
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            Response tasks = get("/connectors/" + name + "/tasks");
            Response current = get("/connectors/" + name + "/status");
            if (tasks.status() == 200 && current.status() == 200) {
                taskConfigs = tasks.body().size();
                status = current.body();
                if (taskConfigs == count && runningTasks(status, count) == count) {
                    return status;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("Connector " + name + " did not run " + count + " tasks within " + timeout + "; "
                + taskConfigs + " task configs, last status: " + status);
    }

    /** How many of tasks 0..count-1 the status shows RUNNING. */
    private static int runningTasks(JsonNode status, int count) {
        int running = 0;
        for (JsonNode task : status.path("tasks")) {
            if (task.path("id").asInt() < count && "RUNNING".equals(task.path("state").asText())) {
                running++;
            }
        }
        return running;
    }

    /** The task configs the connector gave its tasks, in task order. */
    public JsonNode taskConfigs(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response tasks = get("/connectors/" + name + "/tasks");
        while (tasks.status() == 409 && System.nanoTime() < deadline) { // a rebalance is in progress
            Thread.sleep(300);
            tasks = get("/connectors/" + name + "/tasks");
        }
        return tasks.expect(200).body();
    }

    public JsonNode awaitTaskState(String name, String state, Duration timeout) throws Exception {
        return awaitStatus(name, status -> status.path("tasks").size() > 0
                && state.equals(status.path("tasks").get(0).path("state").asText()), timeout, "task " + state);
    }

    public void deleteConnector(String name) throws Exception {
        delete("/connectors/" + name).expect(204, 404);
    }

    public void stopConnector(String name) throws Exception {
        put("/connectors/" + name + "/stop", null).expect(202, 204);
        awaitStatus(name, status -> "STOPPED".equals(status.path("connector").path("state").asText())
                && status.path("tasks").isEmpty(), Duration.ofSeconds(60), "STOPPED");
    }

    public void resumeConnector(String name) throws Exception {
        put("/connectors/" + name + "/resume", null).expect(202, 204);
    }

    public JsonNode offsets(String name) throws Exception {
        return get("/connectors/" + name + "/offsets").expect(200).body();
    }
}
