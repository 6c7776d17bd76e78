package fr.ecole.lending.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The mail server the service sends families' e-mails through. No host (the default): sending is off,
 * messages are still queued and shown to the desk. A wrong setting does not stop the service: the health
 * check says so and the queue waits for it to work.
 */
public class MailSettings extends SendingSettings {
    /** How the connection to the mail server is protected. */
    public enum Tls { NONE, STARTTLS, SMTPS }

    private String host;
    @Min(1)
    @Max(65535)
    private int port = 587;
    @NotNull
    private Tls tls = Tls.STARTTLS;
    private String username;
    private String password;
    /** The sender's address; its domain also names the messages (Message-ID). */
    private String from;
    /**
     * Hosts (separated by spaces) whose certificate is accepted without a certificate authority: a relay of
     * the internal network with a certificate of its own. The certificate must still name the host; "*",
     * which would trust any server, is refused.
     */
    @Pattern(regexp = "[^*]*", message = "names hosts; \"*\" (any server) is refused")
    private String trust;

    /** Whether a mail server is configured: without one nothing is sent. */
    @Override
    @JsonIgnore
    public boolean isOn() {
        return host != null && !host.isBlank();
    }

    @Override
    String offReason() {
        return "no mail host (LENDING_MAIL_HOST)";
    }

    @JsonProperty
    public String getHost() {
        return host;
    }

    @JsonProperty
    public void setHost(String host) {
        this.host = host == null ? null : host.strip();
    }

    @JsonProperty
    public int getPort() {
        return port;
    }

    @JsonProperty
    public void setPort(int port) {
        this.port = port;
    }

    @JsonProperty
    public Tls getTls() {
        return tls;
    }

    @JsonProperty
    public void setTls(Tls tls) {
        this.tls = tls;
    }

    @JsonProperty
    public String getUsername() {
        return username;
    }

    @JsonProperty
    public void setUsername(String username) {
        this.username = username;
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty
    public String getFrom() {
        return from;
    }

    @JsonProperty
    public void setFrom(String from) {
        this.from = from == null ? null : from.strip();
    }

    @JsonProperty
    public String getTrust() {
        return trust;
    }

    @JsonProperty
    public void setTrust(String trust) {
        this.trust = trust == null ? null : trust.strip();
    }
}
