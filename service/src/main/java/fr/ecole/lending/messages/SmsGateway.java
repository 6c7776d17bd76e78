package fr.ecole.lending.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SMS gateway, over HTTP: one POST of JSON a message ({@code to}, {@code text}, {@code sender},
 * {@code reference}), with the token as a bearer. Any 2xx means the gateway took it. The reference is
 * the message's id, the same at every attempt, by which the gateway can drop a resend.
 */
final class SmsGateway implements Carrier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The gateway answered, but did not take the message: its status only (its body may quote the number). */
    static final class GatewayRefusal extends IOException {
        GatewayRefusal(int status) {
            super("the SMS gateway answered " + status);
        }
    }

    private final SmsSettings settings;
    private final HttpClient client;

    SmsGateway(SmsSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(settings.getConnectTimeout().toMilliseconds()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The request's body: what the gateway needs, nothing of the family beyond the number and the text. */
    static String body(MessageDao.MessageRow message, String sender) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", message.recipient());
        body.put("text", message.body());
        body.put("sender", sender);
        body.put("reference", String.valueOf(message.id()));
        return JSON.writeValueAsString(body);
    }

    @Override
    public void send(MessageDao.MessageRow message, byte[] attachment) throws IOException, InterruptedException {
        if (message.recipient() == null || message.body() == null) {
            // erased before it left: nothing to send, and nothing to send it to
            throw new IllegalStateException("erased");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.getUrl()))
                .timeout(Duration.ofMillis(settings.getRequestTimeout().toMilliseconds()))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(message, settings.getSender())));
        if (settings.getToken() != null && !settings.getToken().isBlank()) {
            request.header("Authorization", "Bearer " + settings.getToken());
        }
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new GatewayRefusal(response.statusCode());
        }
    }

    /** Opens a connection to the gateway's host and closes it: a gateway may answer nothing but its POST. */
    @Override
    public void check() throws IOException {
        URI uri = URI.create(settings.getUrl());
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) settings.getConnectTimeout().toMilliseconds());
        }
    }
}
