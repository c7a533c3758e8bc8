<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>auth::console::AccountsView</name>
    <message>
        <source>Find users by e-mail address or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last login (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (required for lock, unlock and revoke)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke All Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inactive Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Weak Passwords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active sessions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions revoked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report rows: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ApiClient</name>
    <message>
        <source>Cannot read the CA certificate %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no PEM or DER certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered /health with something that is not a health report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2 with something that is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 does not match the pinned fingerprint. Someone may be intercepting the connection, or the server&apos;s certificate was replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent more than %2 KiB for %3; the answer was discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the connection on port %2: is auth-service running?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host %1 was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirect to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2 with HTTP %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ApiEventSource</name>
    <message>
        <source>The server&apos;s event page has no events list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::AssessPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live indicators: open alerts, threat metrics and whether the service is isolated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containment: %1 (since %2, reason: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open alerts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threat metrics:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::AuthSession</name>
    <message>
        <source>The server asked for a second factor but named none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the code from your authenticator app or one of your backup codes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server no longer accepts this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s token answer lacks access_token, refresh_token or expires_in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended on the server (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The e-mail address or the password is wrong, or the account is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code was not accepted. Check the time on your device and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is in lockdown: sign-in is closed until an administrator restores it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::BreachActionPanel</name>
    <message>
        <source>&amp;Preview (dry run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason, then preview what the server would do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why (recorded in the audit trail), e.g. the ticket number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type %1 to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled after the preview, with a reason and %1 typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that this step was deliberately not taken (needs a reason).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::BreachResponse</name>
    <message>
        <source>Assess</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isolate the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke all sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency key rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preserve evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident report</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) open (%1 firing); the service is %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The service is already isolated; running this changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every request except /health, /api/v1/status, /metrics, /.well-known and the admin API from the isolation networks will get 503 service_isolated. %n session(s) are active.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 session(s) of %2 user(s) and %3 refresh token(s) will be revoked, and every access token issued until now refused. Your own console session is renewed, so you can still restore the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new signing key becomes active; these keys are retired and removed from JWKS at once, so every token they signed is refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is not isolated; running this changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service will answer every request again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>isolated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isolated; checking that logins are refused…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified: a login attempt now answers 503 service_isolated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified: a login attempt still answers %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified: a login attempt answers %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 session(s) revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions were revoked, but the console&apos;s session could not be renewed: sign in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified: there was no earlier access token to test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified: the console&apos;s access token from before is refused (401).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified: the access token from before is still accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new key %1, retired %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS does not list the new key %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS still lists the retired key %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Verified: JWKS lists the new key %1 and none of the %n retired key(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored; checking health and logins…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/health reports %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified: /health is healthy and a login attempt is answered again (%1, not 503).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a login attempt answers %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle is larger than %1 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded %1 bytes; verifying the signed manifest…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s SHA-256 differs from the one the server sent (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle was not verified with the server&apos;s evidence key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bundle SHA-256 %1, %2 file(s) checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified: the signed manifest holds for all %1 file(s); SHA-256 %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident report written, SHA-256 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident report was written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::BreachWizard</name>
    <message>
        <source>Breach Response — Incident %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ConnectionBar</name>
    <message>
        <source>The CA certificate file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address of the auth-service, https:// unless plain HTTP to loopback is allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;A certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust only server certificates issued by this CA (PEM or DER file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pinned SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust exactly the server certificate with this SHA-256 fingerprint (hex, colons allowed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (system CAs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow plain HTTP to a &amp;loopback address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ConsoleOptions</name>
    <message>
        <source>Security operations console for auth-service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the auth-service at &lt;url&gt; on start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust only the CA certificate in &lt;file&gt; (PEM or DER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust exactly the server certificate with this SHA-256 fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sha256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language: en or de.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow plain HTTP when the server is on a loopback address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot;: use en or de.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--fingerprint needs 64 hexadecimal digits (SHA-256), with or without colons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --ca-cert or --fingerprint, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a PDF metrics report to &lt;file&gt; and exit, without a window (for cron). Needs --server; the token comes from AUTH_CONSOLE_TOKEN or the keychain. Exit status: 0 written, 1 server or API error, 2 usage, 3 server unreachable or TLS failure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start of the report period: RFC 3339 (2026-01-31T08:00:00Z) or a span back from now (90m, 24h, 7d). Default: 24h.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of the report period, as --from. Default: now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the report&apos;s data as &lt;file&gt;.json, whose SHA-256 the PDF&apos;s footer shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--export-report needs a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from, --to and --save-data go with --export-report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--export-report needs --server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--to: &quot;%1&quot; is neither an RFC 3339 time with a zone nor a span like 24h.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from: &quot;%1&quot; is neither an RFC 3339 time with a zone nor a span like 24h.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report period must end after it begins (--from before --to).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ContainPage</name>
    <message>
        <source>Contain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each step is previewed by the server first, needs a reason and its word typed, and is checked after it ran.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::DashboardView</name>
    <message>
        <source>Last 15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range of the charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top source IPs of failed logins (5 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for acknowledging (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed logins: %1 in the last minute, %2 in 5 minutes · Lockouts: %3 · Suspicious-activity alerts: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2 failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert %1 acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::EventExporter</name>
    <message>
        <source>An export is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export stopped after %1 events: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 events to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::EventQuery</name>
    <message>
        <source>The filter is longer than %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quote opened here is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put a space after the closing quote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;. Use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quote may only start a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than %1 terms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an event type (lower-case letters, digits, _).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity must be one of: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>severity: may be given once (it means &quot;at least&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user is longer than 254 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user: may be given once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address or CIDR block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ip: may be given once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be excluded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time: use 15m, 1h, 7d or 2025-01-15T10:30:00Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: may be given once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until: is before since:.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::EventTableModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::EvidencePage</name>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download and Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s signed evidence bundle (logs, events, audit trail) is saved to a file and its manifest verified here against the server&apos;s evidence key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (server: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Evidence Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence bundles (*.tar.gz)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::HealthPanel</name>
    <message>
        <source>Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server address and press Connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server gave no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details below are from the last answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth 2.0 flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multi-factor authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session management</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::IncidentJournal</name>
    <message>
        <source>Cannot create the incident directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the incident journal %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the incident journal %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident journal %1 is larger than %2 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of the incident journal %2 is not a valid entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident journal %1 does not start with the opening entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident journal %1 names another incident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal entry is malformed or too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the incident journal %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::IncidentReport</name>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident Report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report %1 could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::KeysView</name>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;otate Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Emergency Rotation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why, for the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency rotation: a new signing key becomes active and every previous key is retired at once. Every access token issued so far stops working immediately, for every user and client. Type %1 to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation: a new signing key becomes active for new tokens; the previous key keeps verifying until the tokens it signed have expired. Type %1 to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New active key: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::LiveTail</name>
    <message>
        <source>The stream&apos;s certificate does not match the trusted one; live tail stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream closed (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::LogView</name>
    <message>
        <source>Exporting… %1 events written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter, e.g. type:authentication_failure ip:10.0.0.0/8 user:alice since:1h &quot;free text&quot; -type:x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields: type severity user ip since until; a leading - excludes; Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow new events as they happen (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the view still and buffer new events (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every event of the filter, all pages (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As &amp;JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Exclude %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scroll for more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live: paused, new events buffered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live: reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::LoginDialog</name>
    <message>
        <source>Sign In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account uses two-factor authentication.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server offers no second factor this console can use (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authenticator app (TOTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::MainWindow</name>
    <message>
        <source>About auth-console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;auth-console %1&lt;/h3&gt;&lt;p&gt;Security operations console for auth-service.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Server &amp;Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget Trusted Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About auth-console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the trusted certificate of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presented SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auth-console – %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auth-console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: pinned certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: CA %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: system CAs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain HTTP: not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency: %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency: –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 presented a certificate that is not trusted:&lt;/b&gt; %2&lt;br&gt;SHA-256 fingerprint: %3&lt;br&gt;Trust it only if this is the fingerprint of the server&apos;s certificate (ask its operator, or run &lt;tt&gt;openssl x509 -noout -fingerprint -sha256 -in cert.pem&lt;/tt&gt; on the server).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presented SHA-256: %1&lt;br&gt;Pinned SHA-256: %2&lt;br&gt;If the certificate was replaced on purpose, use Server ▸ Forget Trusted Certificate and connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ign In…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security Lo&amp;g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Das&amp;hboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ccounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server before signing in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached: %2 Next attempt in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry &amp;Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOCKDOWN: %1 is isolated. Sign-in and the public API are refused for everyone; only the admin API answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1 (by %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired: %1 Sign in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;In Again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in: sign in with an administrator account to see metrics, security logs, accounts and keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available (%1). Your sign-in is kept in memory only and must be repeated after a restart; nothing is written to disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh now (connects when not connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview, dashboard, security log, accounts, keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security log: edit the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security log: apply the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security log: live tail on or off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security log: pause or resume the live tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security log: export the filtered events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the server&apos;s state and the view shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a PDF metrics report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident: breach response wizard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;ncident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Breach Response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in as an admin before starting a breach response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breach Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident %1, opened %2 by %3, is not finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume Incident %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Incident</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::MetricsCharts</name>
    <message>
        <source>Login success rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>success %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threshold %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed logins per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P1 %1/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P0 %1/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA challenge success rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate-limit triggers and lockouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lockouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token issuance per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P1 %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>auth::console::MetricsSeries</name>
    <message>
        <source>The metrics series has no points list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::RecoverPage</name>
    <message>
        <source>Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift the isolation once the threat is contained; the console then checks /health and that logins are answered again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ReportCollector</name>
    <message>
        <source>Could not fetch %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed-in administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signed-in administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the metrics series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threat metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the threat metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threat summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the threat summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compliance summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the compliance summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compliance violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the compliance violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signing keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lockouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ReportCommand</name>
    <message>
        <source>The folder of %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session stored in the keychain for %1 was refused; sign in with the console once more, or set AUTH_CONSOLE_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain holds no session for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain is available (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credentials: set AUTH_CONSOLE_TOKEN to an admin access token; %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored session is no longer valid; sign in with the console again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token in AUTH_CONSOLE_TOKEN was refused (expired or revoked?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports need an administrator&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (%2 pages); SHA-256 of the report data: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ReportData</name>
    <message>
        <source>The report data is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report data has an unknown format.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ReportDialog</name>
    <message>
        <source>Fetching %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also save the report &amp;data (JSON) to check the footer&apos;s SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to export a report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file in an existing folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period must end after it begins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written to %1 (%2 pages).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ReportPage</name>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident timeline as a PDF: every journal entry with its time and outcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Incident Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to %1 (SHA-256 %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ReportWriter</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 of the report data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auth-service security metrics report · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security Metrics Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auth-service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All times are UTC. The footer of every page carries the SHA-256 of the data this report was made from; when the data was saved beside the report, sha256sum of that file gives the same value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Successful logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login success rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source IPs with failed logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account lockouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts (firing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance checks passed / failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked logins in the last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses caught credential stuffing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response time p95 (last minute)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no metrics for this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top Failing Source IPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts tried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failed logins in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted from the newest %1 failed logins of the period only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account Lockouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No accounts were locked in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by an admin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the newest %1 lockouts of the period are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alerts in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the newest alerts are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance Violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remediation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No compliance check failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing Key Ages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retire after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server listed no signing keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys are rotated every %1 days (KEY_ROTATION_DAYS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start a PDF in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many failed logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %1 of %2 rows are shown; the report data has all of them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ServerConnection</name>
    <message>
        <source>There is no presented certificate to trust.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth::console::ServerProfile</name>
    <message>
        <source>Enter the server address, for example https://127.0.0.1:3000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must not contain a user name, query or fragment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain HTTP is refused for %1: use https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain HTTP is off: use https:// or allow plain HTTP to this loopback address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CA certificate or pinned fingerprint needs an https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported scheme &quot;%1&quot;: use https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose either a CA certificate or a pinned fingerprint, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pinned fingerprint must be 64 hexadecimal digits (SHA-256).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
