package fr.ecole.lending.app;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import fr.ecole.lending.dataprotection.Retention;
import fr.ecole.lending.db.Engine;
import fr.ecole.lending.messages.MailSettings;
import fr.ecole.lending.messages.SmsSettings;
import fr.ecole.lending.surveys.AnswerLimits;
import fr.ecole.lending.users.LoginThrottle;
import fr.ecole.lending.users.PasswordHasher;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.GroupSequence;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The service's settings. The database's URL is checked before anything else, so that a URL the service
 * cannot run on is told in one sentence rather than among the consequences (no driver to pick).
 */
@GroupSequence({LendingConfiguration.DatabaseUrl.class, LendingConfiguration.class})
public class LendingConfiguration extends Configuration {
    /** The checks that go first. */
    interface DatabaseUrl {
    }


    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    /** The administrator's token; when set, a user {@code admin} with that token exists. */
    private String adminToken;

    /** The administrator's password for the pages; when set, user {@code admin} exists and has it. */
    private String adminPassword;

    /** Fill an empty database with the demo data of fixtures/. */
    private boolean demoData;

    /**
     * The server's secret key for hashing tokens, from the environment (at least 32 characters);
     * when empty, the key is read from {@link #secretFile}. Outside the database either way, so
     * that a copy of the database alone gives no token back.
     */
    private String tokenSecret;

    /** A file holding the key, created with a random one when missing; used when no tokenSecret is given. */
    @NotNull
    private String secretFile = "data/lending.secret";

    /** The address labels' QR codes point to ({@code <base>/d/<tag>}); empty: the bare asset tag. */
    private String labelBaseUrl;

    /** The folder of the agreements' terms ({@code terms-<n>.txt}); empty: the terms packed into the service. */
    private String termsFolder;

    /** A file of common criteria to decide by; empty: the version the service ships. */
    private String criteriaFile;

    /**
     * How a family reaches the data-protection officer (of the académie or the collectivity): printed in
     * the data-protection notice of agreements and in a family's export; empty: the notice names none.
     */
    private String dataProtectionContact;

    /**
     * bcrypt's cost for the pages' passwords: 2^cost rounds, each step doubling the time a login and a
     * guess take. The default suits these machines; only a test of something else lowers it.
     */
    @Min(PasswordHasher.MIN_COST)
    @Max(PasswordHasher.MAX_COST)
    private int passwordHashCost = PasswordHasher.COST;

    /** Failed logins in a row from one source before each further attempt must wait. */
    @Min(1)
    private int loginFreeAttempts = LoginThrottle.DEFAULT_FREE_ATTEMPTS;

    /**
     * How long a user found by its token is remembered. What ends a token here takes effect at once;
     * done by another instance sharing the database, within this.
     */
    @NotNull
    @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
    private Duration authenticatedUsersRemembered = Duration.seconds(5);

    /** How long a login session may go unused before it ends (besides its end after a working day). */
    @NotNull
    @MinDuration(value = 5, unit = TimeUnit.MINUTES)
    private Duration sessionIdleTimeout = Duration.hours(2);

    /**
     * The proxies (load balancers) whose X-Forwarded-For header gives the client's address, as
     * addresses or blocks separated by commas ({@code 10.0.0.5, 10.1.0.0/16}); empty: none, the
     * connection's address is the client's.
     */
    private String trustedProxies;

    /** How long personal data is kept, and when the service purges what is kept no longer. */
    @Valid
    @NotNull
    private Retention retention = new Retention();

    /** How many answers a minute the survey's public form takes, per client address and per code. */
    @Valid
    @NotNull
    private AnswerLimits surveyAnswers = new AnswerLimits();

    /** The mail server families' e-mails go through; no host: none is sent (they stay queued). */
    @Valid
    @NotNull
    private MailSettings mail = new MailSettings();

    /** The SMS gateway reminders go through for households that prefer SMS; no URL: none is queued. */
    @Valid
    @NotNull
    private SmsSettings sms = new SmsSettings();

    @Min(1024)
    private long maxJsonBodyBytes = 1024 * 1024;

    /** The national files administrators import (directory, carte scolaire, pupil counts, 4G coverage). */
    @Min(1024)
    private long maxCsvBodyBytes = 64L * 1024 * 1024;

    /** Every other CSV body: a desk's delivery (5,000 devices at most) is far below. */
    @Min(1024)
    private long maxDeskCsvBodyBytes = 4L * 1024 * 1024;

    @JsonProperty
    public MailSettings getMail() {
        return mail;
    }

    @JsonProperty
    public void setMail(MailSettings mail) {
        this.mail = mail;
    }

    @JsonProperty
    public SmsSettings getSms() {
        return sms;
    }

    @JsonProperty
    public void setSms(SmsSettings sms) {
        this.sms = sms;
    }

    @JsonProperty("database")
    public DataSourceFactory getDataSourceFactory() {
        return database;
    }

    /**
     * The database's settings; without a driver named (LENDING_DATABASE_DRIVER empty), the one of the
     * URL's engine, so that the URL alone points the service at SQLite or PostgreSQL.
     */
    @JsonProperty("database")
    public void setDataSourceFactory(DataSourceFactory database) {
        this.database = database;
        if (database != null && (database.getDriverClass() == null || database.getDriverClass().isBlank())) {
            Engine.find(database.getUrl()).ifPresent(engine -> database.setDriverClass(engine.driverClass()));
        }
    }

    @JsonIgnore
    @ValidationMethod(message = Engine.URL_EXPECTED, groups = DatabaseUrl.class)
    public boolean isDatabaseUrlKnown() {
        return database == null || database.getUrl() == null || Engine.find(database.getUrl()).isPresent();
    }

    @JsonProperty
    public String getAdminToken() {
        return adminToken;
    }

    @JsonProperty
    public void setAdminToken(String adminToken) {
        this.adminToken = adminToken;
    }

    @JsonProperty
    public String getAdminPassword() {
        return adminPassword;
    }

    @JsonProperty
    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    @JsonProperty
    public boolean isDemoData() {
        return demoData;
    }

    @JsonProperty
    public void setDemoData(boolean demoData) {
        this.demoData = demoData;
    }

    @JsonProperty
    public String getTokenSecret() {
        return tokenSecret;
    }

    @JsonProperty
    public void setTokenSecret(String tokenSecret) {
        this.tokenSecret = tokenSecret;
    }

    @JsonProperty
    public String getSecretFile() {
        return secretFile;
    }

    @JsonProperty
    public void setSecretFile(String secretFile) {
        this.secretFile = secretFile;
    }

    @JsonProperty
    public String getLabelBaseUrl() {
        return labelBaseUrl;
    }

    @JsonProperty
    public void setLabelBaseUrl(String labelBaseUrl) {
        this.labelBaseUrl = labelBaseUrl;
    }

    @JsonProperty
    public String getTermsFolder() {
        return termsFolder;
    }

    @JsonProperty
    public void setTermsFolder(String termsFolder) {
        this.termsFolder = termsFolder;
    }

    @JsonProperty
    public String getCriteriaFile() {
        return criteriaFile;
    }

    @JsonProperty
    public void setCriteriaFile(String criteriaFile) {
        this.criteriaFile = criteriaFile;
    }

    @JsonProperty
    public String getDataProtectionContact() {
        return dataProtectionContact;
    }

    @JsonProperty
    public void setDataProtectionContact(String dataProtectionContact) {
        this.dataProtectionContact = dataProtectionContact;
    }

    @JsonProperty
    public int getPasswordHashCost() {
        return passwordHashCost;
    }

    @JsonProperty
    public void setPasswordHashCost(int passwordHashCost) {
        this.passwordHashCost = passwordHashCost;
    }

    @JsonProperty
    public int getLoginFreeAttempts() {
        return loginFreeAttempts;
    }

    @JsonProperty
    public void setLoginFreeAttempts(int loginFreeAttempts) {
        this.loginFreeAttempts = loginFreeAttempts;
    }

    @JsonProperty
    public Duration getAuthenticatedUsersRemembered() {
        return authenticatedUsersRemembered;
    }

    @JsonProperty
    public void setAuthenticatedUsersRemembered(Duration authenticatedUsersRemembered) {
        this.authenticatedUsersRemembered = authenticatedUsersRemembered;
    }

    @JsonProperty
    public Duration getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    @JsonProperty
    public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }

    @JsonProperty
    public String getTrustedProxies() {
        return trustedProxies;
    }

    @JsonProperty
    public void setTrustedProxies(String trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @JsonProperty
    public Retention getRetention() {
        return retention;
    }

    @JsonProperty
    public void setRetention(Retention retention) {
        this.retention = retention;
    }

    @JsonProperty
    public AnswerLimits getSurveyAnswers() {
        return surveyAnswers;
    }

    @JsonProperty
    public void setSurveyAnswers(AnswerLimits surveyAnswers) {
        this.surveyAnswers = surveyAnswers;
    }

    @JsonProperty
    public long getMaxJsonBodyBytes() {
        return maxJsonBodyBytes;
    }

    @JsonProperty
    public void setMaxJsonBodyBytes(long maxJsonBodyBytes) {
        this.maxJsonBodyBytes = maxJsonBodyBytes;
    }

    @JsonProperty
    public long getMaxCsvBodyBytes() {
        return maxCsvBodyBytes;
    }

    @JsonProperty
    public void setMaxCsvBodyBytes(long maxCsvBodyBytes) {
        this.maxCsvBodyBytes = maxCsvBodyBytes;
    }

    @JsonProperty
    public long getMaxDeskCsvBodyBytes() {
        return maxDeskCsvBodyBytes;
    }

    @JsonProperty
    public void setMaxDeskCsvBodyBytes(long maxDeskCsvBodyBytes) {
        this.maxDeskCsvBodyBytes = maxDeskCsvBodyBytes;
    }
}
