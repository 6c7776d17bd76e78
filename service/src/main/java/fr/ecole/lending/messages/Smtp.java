package fr.ecole.lending.messages;

import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** The mail server, through Jakarta Mail: one message sent, or a connection tried. */
final class Smtp implements Carrier {
    /** How long a connection, a read or a write may take before the attempt counts as failed. */
    private static final String TIMEOUT_MS = "10000";

    private final MailSettings settings;
    private final Session session;
    private final String protocol;

    Smtp(MailSettings settings) {
        this.settings = settings;
        this.protocol = settings.getTls() == MailSettings.Tls.SMTPS ? "smtps" : "smtp";
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.put(prefix + "host", settings.isOn() ? settings.getHost() : "localhost");
        properties.put(prefix + "port", String.valueOf(settings.getPort()));
        properties.put(prefix + "connectiontimeout", TIMEOUT_MS);
        properties.put(prefix + "timeout", TIMEOUT_MS);
        properties.put(prefix + "writetimeout", TIMEOUT_MS);
        if (settings.getTls() == MailSettings.Tls.STARTTLS) {
            // never in clear text once TLS was asked for
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (settings.getTls() != MailSettings.Tls.NONE) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
            if (settings.getTrust() != null && !settings.getTrust().isBlank()) {
                // a certificate of the relay's own, not signed by an authority: its name is still checked
                properties.put(prefix + "ssl.trust", settings.getTrust());
            }
        }
        boolean auth = settings.getUsername() != null && !settings.getUsername().isBlank();
        properties.put(prefix + "auth", String.valueOf(auth));
        this.session = Session.getInstance(properties, auth ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.getUsername(), settings.getPassword());
            }
        } : null);
    }

    /** The Message-ID of a message: the same at every attempt, so that a receiving server can drop a resend. */
    static String messageId(long id, String from) {
        String domain = from == null || from.indexOf('@') < 0 ? "localhost" : from.substring(from.lastIndexOf('@') + 1);
        return "<message-" + id + "@" + domain.replace(">", "") + ">";
    }

    /** Sends one message; {@code pdf} (may be null), the signed agreement, goes attached as {@code convention-<number>.pdf}. */
    @Override
    public void send(MessageDao.MessageRow row, byte[] pdf) throws MessagingException {
        if (settings.getFrom() == null || settings.getFrom().isBlank()) {
            throw new MessagingException("no sender address (mail.from)");
        }
        String messageId = messageId(row.id(), settings.getFrom());
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(settings.getFrom(), true));
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(row.recipient(), true));
        message.setSubject(row.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (pdf == null) {
            message.setText(row.body(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(row.body(), StandardCharsets.UTF_8.name());
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
            attachment.setFileName("convention-" + row.attachment() + ".pdf");
            message.setContent(new MimeMultipart(text, attachment));
        }
        message.saveChanges();
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** Connects and says hello, then leaves: whether the server can be reached with these settings. */
    @Override
    public void check() throws MessagingException {
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect();
        }
    }
}
