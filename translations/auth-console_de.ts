<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>auth::console::AccountsView</name>
    <message>
        <source>Find users by e-mail address or name</source>
        <translation>Benutzer nach E-Mail-Adresse oder Name suchen</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>&amp;Mehr</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last login (UTC)</source>
        <translation>Letzte Anmeldung (UTC)</translation>
    </message>
    <message>
        <source>MFA</source>
        <translation>MFA</translation>
    </message>
    <message>
        <source>Reason (required for lock, unlock and revoke)</source>
        <translation>Grund (nötig für Sperren, Entsperren und Widerrufen)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>S&amp;perren</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation>Si&amp;tzungen</translation>
    </message>
    <message>
        <source>&amp;Revoke All Sessions</source>
        <translation>Alle Sitzungen &amp;widerrufen</translation>
    </message>
    <message>
        <source>&amp;Inactive Users</source>
        <translation>&amp;Inaktive Benutzer</translation>
    </message>
    <message>
        <source>&amp;Weak Passwords</source>
        <translation>Schwache &amp;Passwörter</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>Users shown: %1</source>
        <translation>Angezeigte Benutzer: %1</translation>
    </message>
    <message>
        <source>%1 is locked.</source>
        <translation>%1 ist gesperrt.</translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation>%1 ist entsperrt.</translation>
    </message>
    <message>
        <source>Active sessions: %1</source>
        <translation>Aktive Sitzungen: %1</translation>
    </message>
    <message>
        <source>Sessions revoked: %1</source>
        <translation>Widerrufene Sitzungen: %1</translation>
    </message>
    <message>
        <source>Report rows: %1</source>
        <translation>Zeilen im Bericht: %1</translation>
    </message>
</context>
<context>
    <name>auth::console::ApiClient</name>
    <message>
        <source>Cannot read the CA certificate %1: %2</source>
        <translation>Das CA-Zertifikat %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM or DER certificate.</source>
        <translation>%1 enthält kein Zertifikat im PEM- oder DER-Format.</translation>
    </message>
    <message>
        <source>%1 answered /health with something that is not a health report.</source>
        <translation>%1 hat auf /health nicht mit einem gültigen Zustandsbericht geantwortet.</translation>
    </message>
    <message>
        <source>No server is configured.</source>
        <translation>Es ist kein Server eingestellt.</translation>
    </message>
    <message>
        <source>%1 answered %2 with something that is not a JSON object.</source>
        <translation>%1 hat auf %2 nicht mit einem JSON-Objekt geantwortet.</translation>
    </message>
    <message>
        <source>The certificate of %1 does not match the pinned fingerprint. Someone may be intercepting the connection, or the server&apos;s certificate was replaced.</source>
        <translation>Das Zertifikat von %1 passt nicht zum festgelegten Fingerabdruck. Jemand könnte die Verbindung abfangen, oder das Zertifikat des Servers wurde ausgetauscht.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s.</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet.</translation>
    </message>
    <message>
        <source>%1 sent more than %2 KiB for %3; the answer was discarded.</source>
        <translation>%1 hat für %3 mehr als %2 KiB gesendet; die Antwort wurde verworfen.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted: %2</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut: %2</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2</source>
        <translation>Der TLS-Verbindungsaufbau mit %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 refused the connection on port %2: is auth-service running?</source>
        <translation>%1 hat die Verbindung auf Port %2 abgelehnt: Läuft auth-service?</translation>
    </message>
    <message>
        <source>The host %1 was not found.</source>
        <translation>Der Host %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>redirect to %1</source>
        <translation>Weiterleitung nach %1</translation>
    </message>
    <message>
        <source>%1 answered %2 with HTTP %3: %4</source>
        <translation>%1 hat auf %2 mit HTTP %3 geantwortet: %4</translation>
    </message>
</context>
<context>
    <name>auth::console::ApiEventSource</name>
    <message>
        <source>The server&apos;s event page has no events list.</source>
        <translation>Die Ereignisseite des Servers enthält keine Ereignisliste.</translation>
    </message>
</context>
<context>
    <name>auth::console::AssessPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Live indicators: open alerts, threat metrics and whether the service is isolated.</source>
        <translation>Aktuelle Indikatoren: offene Alarme, Bedrohungskennzahlen und ob der Dienst isoliert ist.</translation>
    </message>
    <message>
        <source>Containment: %1 (since %2, reason: %3)</source>
        <translation>Eindämmung: %1 (seit %2, Grund: %3)</translation>
    </message>
    <message>
        <source>Open alerts: %1</source>
        <translation>Offene Alarme: %1</translation>
    </message>
    <message>
        <source>Threat metrics:</source>
        <translation>Bedrohungskennzahlen:</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>auth::console::AuthSession</name>
    <message>
        <source>The server asked for a second factor but named none.</source>
        <translation>Der Server verlangt einen zweiten Faktor, nennt aber keinen.</translation>
    </message>
    <message>
        <source>Enter the code from your authenticator app or one of your backup codes.</source>
        <translation>Geben Sie den Code aus Ihrer Authenticator-App oder einen Ihrer Backup-Codes ein.</translation>
    </message>
    <message>
        <source>The server no longer accepts this session.</source>
        <translation>Der Server akzeptiert diese Sitzung nicht mehr.</translation>
    </message>
    <message>
        <source>The server&apos;s token answer lacks access_token, refresh_token or expires_in.</source>
        <translation>In der Token-Antwort des Servers fehlt access_token, refresh_token oder expires_in.</translation>
    </message>
    <message>
        <source>Your session has ended on the server (%1).</source>
        <translation>Ihre Sitzung wurde auf dem Server beendet (%1).</translation>
    </message>
    <message>
        <source>The e-mail address or the password is wrong, or the account is locked.</source>
        <translation>E-Mail-Adresse oder Passwort ist falsch, oder das Konto ist gesperrt.</translation>
    </message>
    <message>
        <source>The code was not accepted. Check the time on your device and try again.</source>
        <translation>Der Code wurde nicht angenommen. Prüfen Sie die Uhrzeit Ihres Geräts und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute before trying again.</source>
        <translation>Zu viele Versuche. Warten Sie eine Minute, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <source>The server is in lockdown: sign-in is closed until an administrator restores it.</source>
        <translation>Der Server ist abgeschottet: Anmeldungen sind gesperrt, bis ein Administrator den Betrieb wiederherstellt.</translation>
    </message>
</context>
<context>
    <name>auth::console::BreachActionPanel</name>
    <message>
        <source>&amp;Preview (dry run)</source>
        <translation>&amp;Vorschau (Probelauf)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>Über&amp;springen</translation>
    </message>
    <message>
        <source>Give a reason, then preview what the server would do.</source>
        <translation>Geben Sie einen Grund an und lassen Sie sich dann zeigen, was der Server tun würde.</translation>
    </message>
    <message>
        <source>Why (recorded in the audit trail), e.g. the ticket number</source>
        <translation>Warum (wird im Audit-Protokoll festgehalten), z. B. die Ticketnummer</translation>
    </message>
    <message>
        <source>Type %1 to confirm</source>
        <translation>Zur Bestätigung %1 eingeben</translation>
    </message>
    <message>
        <source>Enabled after the preview, with a reason and %1 typed.</source>
        <translation>Aktiv nach der Vorschau, mit einem Grund und eingegebenem %1.</translation>
    </message>
    <message>
        <source>Record that this step was deliberately not taken (needs a reason).</source>
        <translation>Festhalten, dass dieser Schritt bewusst nicht ausgeführt wurde (braucht einen Grund).</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Confirmation:</source>
        <translation>Bestätigung:</translation>
    </message>
    <message>
        <source>Done at %1: %2</source>
        <translation>Erledigt um %1: %2</translation>
    </message>
    <message>
        <source>Skipped.</source>
        <translation>Übersprungen.</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Erledigt: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>auth::console::BreachResponse</name>
    <message>
        <source>Assess</source>
        <translation>Lage erfassen</translation>
    </message>
    <message>
        <source>Isolate the service</source>
        <translation>Dienst isolieren</translation>
    </message>
    <message>
        <source>Revoke all sessions</source>
        <translation>Alle Sitzungen widerrufen</translation>
    </message>
    <message>
        <source>Emergency key rotation</source>
        <translation>Notfall-Schlüsselrotation</translation>
    </message>
    <message>
        <source>Preserve evidence</source>
        <translation>Beweise sichern</translation>
    </message>
    <message>
        <source>Restore service</source>
        <translation>Dienst wiederherstellen</translation>
    </message>
    <message>
        <source>Incident report</source>
        <translation>Vorfallsbericht</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) open (%1 firing); the service is %2.</source>
        <translation>
            <numerusform>%n Alarm offen (%1 aktiv); der Dienst ist %2.</numerusform>
            <numerusform>%n Alarme offen (%1 aktiv); der Dienst ist %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The service is already isolated; running this changes nothing.</source>
        <translation>Der Dienst ist bereits isoliert; Ausführen ändert nichts.</translation>
    </message>
    <message numerus="yes">
        <source>Every request except /health, /api/v1/status, /metrics, /.well-known and the admin API from the isolation networks will get 503 service_isolated. %n session(s) are active.</source>
        <translation>
            <numerusform>Jede Anfrage außer /health, /api/v1/status, /metrics, /.well-known und der Admin-API aus den Isolationsnetzen erhält 503 service_isolated. %n Sitzung ist aktiv.</numerusform>
            <numerusform>Jede Anfrage außer /health, /api/v1/status, /metrics, /.well-known und der Admin-API aus den Isolationsnetzen erhält 503 service_isolated. %n Sitzungen sind aktiv.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 session(s) of %2 user(s) and %3 refresh token(s) will be revoked, and every access token issued until now refused. Your own console session is renewed, so you can still restore the service.</source>
        <translation>%1 Sitzung(en) von %2 Benutzer(n) und %3 Refresh-Token werden widerrufen, und jedes bisher ausgestellte Zugriffstoken wird abgelehnt. Ihre eigene Konsolensitzung wird erneuert, damit Sie den Dienst weiterhin wiederherstellen können.</translation>
    </message>
    <message>
        <source>A new signing key becomes active; these keys are retired and removed from JWKS at once, so every token they signed is refused: %1</source>
        <translation>Ein neuer Signaturschlüssel wird aktiv; diese Schlüssel werden stillgelegt und sofort aus JWKS entfernt, sodass jedes damit signierte Token abgelehnt wird: %1</translation>
    </message>
    <message>
        <source>The service is not isolated; running this changes nothing.</source>
        <translation>Der Dienst ist nicht isoliert; Ausführen ändert nichts.</translation>
    </message>
    <message>
        <source>The service will answer every request again.</source>
        <translation>Der Dienst beantwortet wieder jede Anfrage.</translation>
    </message>
    <message>
        <source>The preview failed: %1</source>
        <translation>Die Vorschau ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>isoliert</translation>
    </message>
    <message>
        <source>Isolated; checking that logins are refused…</source>
        <translation>Isoliert; prüfe, ob Anmeldungen abgelehnt werden…</translation>
    </message>
    <message>
        <source>Verified: a login attempt now answers 503 service_isolated.</source>
        <translation>Geprüft: Ein Anmeldeversuch wird jetzt mit 503 service_isolated beantwortet.</translation>
    </message>
    <message>
        <source>Not verified: a login attempt still answers %1.</source>
        <translation>Nicht bestätigt: Ein Anmeldeversuch wird weiterhin mit %1 beantwortet.</translation>
    </message>
    <message>
        <source>Not verified: a login attempt answers %1.</source>
        <translation>Nicht bestätigt: Ein Anmeldeversuch wird mit %1 beantwortet.</translation>
    </message>
    <message>
        <source>%1 session(s) revoked</source>
        <translation>%1 Sitzung(en) widerrufen</translation>
    </message>
    <message>
        <source>Sessions were revoked, but the console&apos;s session could not be renewed: sign in again to continue.</source>
        <translation>Die Sitzungen wurden widerrufen, aber die Sitzung der Konsole ließ sich nicht erneuern: Melden Sie sich erneut an, um fortzufahren.</translation>
    </message>
    <message>
        <source>Not verified: there was no earlier access token to test.</source>
        <translation>Nicht bestätigt: Es gab kein früheres Zugriffstoken zum Prüfen.</translation>
    </message>
    <message>
        <source>Verified: the console&apos;s access token from before is refused (401).</source>
        <translation>Geprüft: Das frühere Zugriffstoken der Konsole wird abgelehnt (401).</translation>
    </message>
    <message>
        <source>Not verified: the access token from before is still accepted.</source>
        <translation>Nicht bestätigt: Das frühere Zugriffstoken wird weiterhin angenommen.</translation>
    </message>
    <message>
        <source>Not verified: %1</source>
        <translation>Nicht bestätigt: %1</translation>
    </message>
    <message>
        <source>new key %1, retired %2</source>
        <translation>neuer Schlüssel %1, stillgelegt %2</translation>
    </message>
    <message>
        <source>JWKS does not list the new key %1.</source>
        <translation>JWKS enthält den neuen Schlüssel %1 nicht.</translation>
    </message>
    <message>
        <source>JWKS still lists the retired key %1.</source>
        <translation>JWKS enthält noch den stillgelegten Schlüssel %1.</translation>
    </message>
    <message numerus="yes">
        <source>Verified: JWKS lists the new key %1 and none of the %n retired key(s).</source>
        <translation>
            <numerusform>Geprüft: JWKS enthält den neuen Schlüssel %1 und nicht den %n stillgelegten Schlüssel.</numerusform>
            <numerusform>Geprüft: JWKS enthält den neuen Schlüssel %1 und keinen der %n stillgelegten Schlüssel.</numerusform>
        </translation>
    </message>
    <message>
        <source>restored</source>
        <translation>wiederhergestellt</translation>
    </message>
    <message>
        <source>Restored; checking health and logins…</source>
        <translation>Wiederhergestellt; prüfe Zustand und Anmeldungen…</translation>
    </message>
    <message>
        <source>/health reports %1.</source>
        <translation>/health meldet %1.</translation>
    </message>
    <message>
        <source>Verified: /health is healthy and a login attempt is answered again (%1, not 503).</source>
        <translation>Geprüft: /health meldet healthy und ein Anmeldeversuch wird wieder beantwortet (%1, nicht 503).</translation>
    </message>
    <message>
        <source>a login attempt answers %1.</source>
        <translation>ein Anmeldeversuch wird mit %1 beantwortet.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The bundle is larger than %1 MiB.</source>
        <translation>Das Paket ist größer als %1 MiB.</translation>
    </message>
    <message>
        <source>The server answered %1: %2</source>
        <translation>Der Server antwortete %1: %2</translation>
    </message>
    <message>
        <source>Downloaded %1 bytes; verifying the signed manifest…</source>
        <translation>%1 Bytes heruntergeladen; prüfe das signierte Manifest…</translation>
    </message>
    <message>
        <source>The file&apos;s SHA-256 differs from the one the server sent (%1).</source>
        <translation>Der SHA-256 der Datei weicht von dem ab, den der Server gesendet hat (%1).</translation>
    </message>
    <message>
        <source>The bundle was not verified with the server&apos;s evidence key.</source>
        <translation>Das Paket wurde nicht mit dem Beweisschlüssel des Servers geprüft.</translation>
    </message>
    <message>
        <source>bundle SHA-256 %1, %2 file(s) checked</source>
        <translation>Paket-SHA-256 %1, %2 Datei(en) geprüft</translation>
    </message>
    <message>
        <source>Verified: the signed manifest holds for all %1 file(s); SHA-256 %2.</source>
        <translation>Geprüft: Das signierte Manifest stimmt für alle %1 Datei(en); SHA-256 %2.</translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation>Prüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>incident report written, SHA-256 %1</source>
        <translation>Vorfallsbericht geschrieben, SHA-256 %1</translation>
    </message>
    <message>
        <source>The incident report was written to %1.</source>
        <translation>Der Vorfallsbericht wurde nach %1 geschrieben.</translation>
    </message>
</context>
<context>
    <name>auth::console::BreachWizard</name>
    <message>
        <source>Breach Response — Incident %1</source>
        <translation>Reaktion auf Sicherheitsvorfall — Vorfall %1</translation>
    </message>
</context>
<context>
    <name>auth::console::ConnectionBar</name>
    <message>
        <source>The CA certificate file %1 does not exist.</source>
        <translation>Die CA-Zertifikatsdatei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Address of the auth-service, https:// unless plain HTTP to loopback is allowed</source>
        <translation>Adresse des auth-service; https://, sofern unverschlüsseltes HTTP zur Loopback-Adresse nicht erlaubt ist</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>C&amp;A certificate:</source>
        <translation>&amp;CA-Zertifikat:</translation>
    </message>
    <message>
        <source>Trust only server certificates issued by this CA (PEM or DER file)</source>
        <translation>Nur Serverzertifikaten vertrauen, die diese CA ausgestellt hat (PEM- oder DER-Datei)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Pinned SHA-256:</source>
        <translation>&amp;Fingerabdruck (SHA-256):</translation>
    </message>
    <message>
        <source>Trust exactly the server certificate with this SHA-256 fingerprint (hex, colons allowed)</source>
        <translation>Genau dem Serverzertifikat mit diesem SHA-256-Fingerabdruck vertrauen (hexadezimal, Doppelpunkte erlaubt)</translation>
    </message>
    <message>
        <source>CA Certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>none (system CAs)</source>
        <translation>keins (System-CAs)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>Allow plain HTTP to a &amp;loopback address</source>
        <translation>Unverschlüsseltes HTTP zu einer &amp;Loopback-Adresse erlauben</translation>
    </message>
</context>
<context>
    <name>auth::console::ConsoleOptions</name>
    <message>
        <source>Security operations console for auth-service.</source>
        <translation>Konsole für den Sicherheitsbetrieb von auth-service.</translation>
    </message>
    <message>
        <source>Connect to the auth-service at &lt;url&gt; on start.</source>
        <translation>Beim Start mit dem auth-service unter &lt;url&gt; verbinden.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Trust only the CA certificate in &lt;file&gt; (PEM or DER).</source>
        <translation>Nur dem CA-Zertifikat in &lt;datei&gt; vertrauen (PEM oder DER).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>datei</translation>
    </message>
    <message>
        <source>Trust exactly the server certificate with this SHA-256 fingerprint.</source>
        <translation>Genau dem Serverzertifikat mit diesem SHA-256-Fingerabdruck vertrauen.</translation>
    </message>
    <message>
        <source>sha256</source>
        <translation>sha256</translation>
    </message>
    <message>
        <source>User interface language: en or de.</source>
        <translation>Sprache der Oberfläche: en oder de.</translation>
    </message>
    <message>
        <source>language</source>
        <translation>sprache</translation>
    </message>
    <message>
        <source>Allow plain HTTP when the server is on a loopback address.</source>
        <translation>Unverschlüsseltes HTTP erlauben, wenn der Server auf einer Loopback-Adresse läuft.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot;: use en or de.</source>
        <translation>Unbekannte Sprache „%1“: Verwenden Sie en oder de.</translation>
    </message>
    <message>
        <source>--fingerprint needs 64 hexadecimal digits (SHA-256), with or without colons.</source>
        <translation>--fingerprint erwartet 64 Hexadezimalziffern (SHA-256), mit oder ohne Doppelpunkte.</translation>
    </message>
    <message>
        <source>Give either --ca-cert or --fingerprint, not both.</source>
        <translation>Geben Sie entweder --ca-cert oder --fingerprint an, nicht beides.</translation>
    </message>
    <message>
        <source>Write a PDF metrics report to &lt;file&gt; and exit, without a window (for cron). Needs --server; the token comes from AUTH_CONSOLE_TOKEN or the keychain. Exit status: 0 written, 1 server or API error, 2 usage, 3 server unreachable or TLS failure.</source>
        <translation>Einen PDF-Metrikbericht nach &lt;file&gt; schreiben und ohne Fenster beenden (für cron). Benötigt --server; das Token kommt aus AUTH_CONSOLE_TOKEN oder dem Schlüsselbund. Exit-Status: 0 geschrieben, 1 Server- oder API-Fehler, 2 Aufruffehler, 3 Server nicht erreichbar oder TLS-Fehler.</translation>
    </message>
    <message>
        <source>Start of the report period: RFC 3339 (2026-01-31T08:00:00Z) or a span back from now (90m, 24h, 7d). Default: 24h.</source>
        <translation>Beginn des Berichtszeitraums: RFC 3339 (2026-01-31T08:00:00Z) oder eine Spanne vor jetzt (90m, 24h, 7d). Standard: 24h.</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>End of the report period, as --from. Default: now.</source>
        <translation>Ende des Berichtszeitraums, wie --from. Standard: jetzt.</translation>
    </message>
    <message>
        <source>Also write the report&apos;s data as &lt;file&gt;.json, whose SHA-256 the PDF&apos;s footer shows.</source>
        <translation>Zusätzlich die Daten des Berichts als &lt;file&gt;.json schreiben, deren SHA-256 die Fußzeile des PDF zeigt.</translation>
    </message>
    <message>
        <source>--export-report needs a file name.</source>
        <translation>--export-report braucht einen Dateinamen.</translation>
    </message>
    <message>
        <source>--from, --to and --save-data go with --export-report.</source>
        <translation>--from, --to und --save-data gehören zu --export-report.</translation>
    </message>
    <message>
        <source>--export-report needs --server.</source>
        <translation>--export-report braucht --server.</translation>
    </message>
    <message>
        <source>--to: &quot;%1&quot; is neither an RFC 3339 time with a zone nor a span like 24h.</source>
        <translation>--to: „%1“ ist weder eine RFC-3339-Zeit mit Zeitzone noch eine Spanne wie 24h.</translation>
    </message>
    <message>
        <source>--from: &quot;%1&quot; is neither an RFC 3339 time with a zone nor a span like 24h.</source>
        <translation>--from: „%1“ ist weder eine RFC-3339-Zeit mit Zeitzone noch eine Spanne wie 24h.</translation>
    </message>
    <message>
        <source>The report period must end after it begins (--from before --to).</source>
        <translation>Der Berichtszeitraum muss nach seinem Beginn enden (--from vor --to).</translation>
    </message>
</context>
<context>
    <name>auth::console::ContainPage</name>
    <message>
        <source>Contain</source>
        <translation>Eindämmen</translation>
    </message>
    <message>
        <source>Each step is previewed by the server first, needs a reason and its word typed, and is checked after it ran.</source>
        <translation>Jeder Schritt wird zuerst vom Server als Vorschau gezeigt, braucht einen Grund und sein eingegebenes Bestätigungswort und wird nach dem Ausführen geprüft.</translation>
    </message>
</context>
<context>
    <name>auth::console::DashboardView</name>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Time range of the charts</source>
        <translation>Zeitraum der Diagramme</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Top source IPs of failed logins (5 min)</source>
        <translation>Häufigste Quell-IPs fehlgeschlagener Anmeldungen (5 min)</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Reason for acknowledging (required)</source>
        <translation>Grund für die Bestätigung (erforderlich)</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Failed logins: %1 in the last minute, %2 in 5 minutes · Lockouts: %3 · Suspicious-activity alerts: %4</source>
        <translation>Fehlgeschlagene Anmeldungen: %1 in der letzten Minute, %2 in 5 Minuten · Sperren: %3 · Alarme wegen verdächtiger Aktivität: %4</translation>
    </message>
    <message>
        <source>%1 – %2 failures</source>
        <translation>%1 – %2 Fehlschläge</translation>
    </message>
    <message>
        <source>Alert %1 acknowledged.</source>
        <translation>Alarm %1 bestätigt.</translation>
    </message>
</context>
<context>
    <name>auth::console::EventExporter</name>
    <message>
        <source>An export is already running.</source>
        <translation>Es läuft bereits ein Export.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message>
        <source>Export stopped after %1 events: %2</source>
        <translation>Export nach %1 Ereignissen abgebrochen: %2</translation>
    </message>
    <message>
        <source>Exported %1 events to %2.</source>
        <translation>%1 Ereignisse nach %2 exportiert.</translation>
    </message>
</context>
<context>
    <name>auth::console::EventQuery</name>
    <message>
        <source>The filter is longer than %1 characters.</source>
        <translation>Der Filter ist länger als %1 Zeichen.</translation>
    </message>
    <message>
        <source>The quote opened here is not closed.</source>
        <translation>Das hier geöffnete Anführungszeichen wird nicht geschlossen.</translation>
    </message>
    <message>
        <source>Put a space after the closing quote.</source>
        <translation>Setzen Sie nach dem schließenden Anführungszeichen ein Leerzeichen.</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;. Use one of: %2.</source>
        <translation>Unbekanntes Feld „%1“. Verwenden Sie eines von: %2.</translation>
    </message>
    <message>
        <source>%1: needs a value.</source>
        <translation>%1: braucht einen Wert.</translation>
    </message>
    <message>
        <source>A quote may only start a value.</source>
        <translation>Ein Anführungszeichen darf nur einen Wert beginnen.</translation>
    </message>
    <message>
        <source>More than %1 terms.</source>
        <translation>Mehr als %1 Begriffe.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an event type (lower-case letters, digits, _).</source>
        <translation>„%1“ ist kein Ereignistyp (Kleinbuchstaben, Ziffern, _).</translation>
    </message>
    <message>
        <source>Severity must be one of: %1.</source>
        <translation>Der Schweregrad muss einer dieser sein: %1.</translation>
    </message>
    <message>
        <source>severity: may be given once (it means &quot;at least&quot;).</source>
        <translation>severity: darf nur einmal vorkommen (es bedeutet „mindestens“).</translation>
    </message>
    <message>
        <source>The user is longer than 254 characters.</source>
        <translation>Der Benutzer ist länger als 254 Zeichen.</translation>
    </message>
    <message>
        <source>user: may be given once.</source>
        <translation>user: darf nur einmal vorkommen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address or CIDR block.</source>
        <translation>„%1“ ist keine IP-Adresse und kein CIDR-Block.</translation>
    </message>
    <message>
        <source>ip: may be given once.</source>
        <translation>ip: darf nur einmal vorkommen.</translation>
    </message>
    <message>
        <source>%1: cannot be excluded.</source>
        <translation>%1: kann nicht ausgeschlossen werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time: use 15m, 1h, 7d or 2025-01-15T10:30:00Z.</source>
        <translation>„%1“ ist keine Zeitangabe: Verwenden Sie 15m, 1h, 7d oder 2025-01-15T10:30:00Z.</translation>
    </message>
    <message>
        <source>%1: may be given once.</source>
        <translation>%1: darf nur einmal vorkommen.</translation>
    </message>
    <message>
        <source>until: is before since:.</source>
        <translation>until: liegt vor since:.</translation>
    </message>
</context>
<context>
    <name>auth::console::EventTableModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation>Quell-IP</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>auth::console::EvidencePage</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Download and Verify</source>
        <translation>&amp;Herunterladen und prüfen</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>Über&amp;springen</translation>
    </message>
    <message>
        <source>The server&apos;s signed evidence bundle (logs, events, audit trail) is saved to a file and its manifest verified here against the server&apos;s evidence key.</source>
        <translation>Das signierte Beweispaket des Servers (Logs, Ereignisse, Audit-Protokoll) wird in einer Datei gespeichert und sein Manifest hier gegen den Beweisschlüssel des Servers geprüft.</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Speichern unter:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>Evidence key:</source>
        <translation>Beweisschlüssel:</translation>
    </message>
    <message>
        <source>Skipped.</source>
        <translation>Übersprungen.</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>%1 (server: %2)</source>
        <translation>%1 (Server: %2)</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Done at %1.</source>
        <translation>Erledigt um %1.</translation>
    </message>
    <message>
        <source>Save Evidence Bundle</source>
        <translation>Beweispaket speichern</translation>
    </message>
    <message>
        <source>Evidence bundles (*.tar.gz)</source>
        <translation>Beweispakete (*.tar.gz)</translation>
    </message>
</context>
<context>
    <name>auth::console::HealthPanel</name>
    <message>
        <source>Service:</source>
        <translation>Dienst:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Server time:</source>
        <translation>Serverzeit:</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Funktionen:</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Enter the server address and press Connect.</source>
        <translation>Geben Sie die Serveradresse ein und klicken Sie auf „Verbinden“.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Betriebsbereit</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Eingeschränkt</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;</source>
        <translation>Unbekannter Status „%1“</translation>
    </message>
    <message>
        <source>The server gave no reason.</source>
        <translation>Der Server hat keinen Grund genannt.</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <source>The details below are from the last answer.</source>
        <translation>Die Angaben unten stammen aus der letzten Antwort.</translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation>Zertifikat nicht vertrauenswürdig</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>User registration</source>
        <translation>Benutzerregistrierung</translation>
    </message>
    <message>
        <source>OAuth 2.0 flows</source>
        <translation>OAuth-2.0-Abläufe</translation>
    </message>
    <message>
        <source>JWT authentication</source>
        <translation>JWT-Authentifizierung</translation>
    </message>
    <message>
        <source>Multi-factor authentication</source>
        <translation>Multi-Faktor-Authentifizierung</translation>
    </message>
    <message>
        <source>Session management</source>
        <translation>Sitzungsverwaltung</translation>
    </message>
</context>
<context>
    <name>auth::console::IncidentJournal</name>
    <message>
        <source>Cannot create the incident directory %1.</source>
        <translation>Das Vorfallsverzeichnis %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot create the incident journal %1: %2</source>
        <translation>Das Vorfallsjournal %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Cannot open the incident journal %1: %2</source>
        <translation>Das Vorfallsjournal %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The incident journal %1 is larger than %2 MiB.</source>
        <translation>Das Vorfallsjournal %1 ist größer als %2 MiB.</translation>
    </message>
    <message>
        <source>Line %1 of the incident journal %2 is not a valid entry.</source>
        <translation>Zeile %1 des Vorfallsjournals %2 ist kein gültiger Eintrag.</translation>
    </message>
    <message>
        <source>The incident journal %1 does not start with the opening entry.</source>
        <translation>Das Vorfallsjournal %1 beginnt nicht mit dem Eröffnungseintrag.</translation>
    </message>
    <message>
        <source>The incident journal %1 names another incident.</source>
        <translation>Das Vorfallsjournal %1 nennt einen anderen Vorfall.</translation>
    </message>
    <message>
        <source>The journal entry is malformed or too large.</source>
        <translation>Der Journaleintrag ist fehlerhaft oder zu groß.</translation>
    </message>
    <message>
        <source>Cannot write the incident journal %1: %2</source>
        <translation>Das Vorfallsjournal %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>auth::console::IncidentReport</name>
    <message>
        <source>Incident</source>
        <translation>Vorfall</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Incident Report</source>
        <translation>Vorfallsbericht</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Eröffnet</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Beweise</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Incident Report %1</source>
        <translation>Vorfallsbericht %1</translation>
    </message>
    <message>
        <source>The report %1 could not be written.</source>
        <translation>Der Bericht %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>nicht erledigt</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Evidence key</source>
        <translation>Beweisschlüssel</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
</context>
<context>
    <name>auth::console::KeysView</name>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Confirmation:</source>
        <translation>Bestätigung:</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Erstellt (UTC)</translation>
    </message>
    <message>
        <source>Age (days)</source>
        <translation>Alter (Tage)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>R&amp;otate Key…</source>
        <translation>Schlüssel &amp;rotieren…</translation>
    </message>
    <message>
        <source>&amp;Emergency Rotation…</source>
        <translation>&amp;Notfallrotation…</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Why, for the audit trail</source>
        <translation>Warum – für das Prüfprotokoll</translation>
    </message>
    <message>
        <source>Emergency rotation: a new signing key becomes active and every previous key is retired at once. Every access token issued so far stops working immediately, for every user and client. Type %1 to confirm.</source>
        <translation>Notfallrotation: Ein neuer Signaturschlüssel wird aktiv und alle bisherigen Schlüssel werden sofort stillgelegt. Jedes bisher ausgestellte Zugriffstoken wird sofort ungültig, für alle Benutzer und Clients. Geben Sie zur Bestätigung %1 ein.</translation>
    </message>
    <message>
        <source>Rotation: a new signing key becomes active for new tokens; the previous key keeps verifying until the tokens it signed have expired. Type %1 to confirm.</source>
        <translation>Rotation: Ein neuer Signaturschlüssel wird für neue Tokens aktiv; der bisherige Schlüssel prüft weiter, bis die von ihm signierten Tokens abgelaufen sind. Geben Sie zur Bestätigung %1 ein.</translation>
    </message>
    <message>
        <source>New active key: %1.</source>
        <translation>Neuer aktiver Schlüssel: %1.</translation>
    </message>
</context>
<context>
    <name>auth::console::LiveTail</name>
    <message>
        <source>The stream&apos;s certificate does not match the trusted one; live tail stopped.</source>
        <translation>Das Zertifikat des Datenstroms passt nicht zum vertrauten; die Live-Ansicht wurde beendet.</translation>
    </message>
    <message>
        <source>The stream closed (%1).</source>
        <translation>Der Datenstrom wurde geschlossen (%1).</translation>
    </message>
</context>
<context>
    <name>auth::console::LogView</name>
    <message>
        <source>Exporting… %1 events written.</source>
        <translation>Export läuft… %1 Ereignisse geschrieben.</translation>
    </message>
    <message>
        <source>Filter, e.g. type:authentication_failure ip:10.0.0.0/8 user:alice since:1h &quot;free text&quot; -type:x</source>
        <translation>Filter, z. B. type:authentication_failure ip:10.0.0.0/8 user:alice since:1h &quot;freier Text&quot; -type:x</translation>
    </message>
    <message>
        <source>Fields: type severity user ip since until; a leading - excludes; Ctrl+F</source>
        <translation>Felder: type severity user ip since until; ein vorangestelltes - schließt aus; Strg+F</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>&amp;Live</translation>
    </message>
    <message>
        <source>Follow new events as they happen (Ctrl+T)</source>
        <translation>Neue Ereignisse laufend anzeigen (Strg+T)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Keep the view still and buffer new events (Ctrl+P)</source>
        <translation>Ansicht anhalten und neue Ereignisse puffern (Strg+P)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <source>Export every event of the filter, all pages (Ctrl+E)</source>
        <translation>Alle Ereignisse des Filters exportieren, alle Seiten (Strg+E)</translation>
    </message>
    <message>
        <source>As &amp;CSV…</source>
        <translation>Als &amp;CSV…</translation>
    </message>
    <message>
        <source>As &amp;JSON Lines…</source>
        <translation>Als &amp;JSON Lines…</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>Spalte %1: %2</translation>
    </message>
    <message>
        <source>&amp;Filter on %1</source>
        <translation>&amp;Filtern nach %1</translation>
    </message>
    <message>
        <source>&amp;Exclude %1</source>
        <translation>&amp;Ausschließen: %1</translation>
    </message>
    <message>
        <source>Export Events</source>
        <translation>Ereignisse exportieren</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Events loaded: %1</source>
        <translation>Geladene Ereignisse: %1</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>wird geladen…</translation>
    </message>
    <message>
        <source>scroll for more</source>
        <translation>für mehr weiterblättern</translation>
    </message>
    <message>
        <source>live: paused, new events buffered: %1</source>
        <translation>live: angehalten, gepufferte neue Ereignisse: %1</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>live: connecting…</source>
        <translation>live: Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>live: reconnecting…</source>
        <translation>live: Verbindung wird wiederhergestellt…</translation>
    </message>
</context>
<context>
    <name>auth::console::LoginDialog</name>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>This account uses two-factor authentication.</source>
        <translation>Dieses Konto verwendet Zwei-Faktor-Authentifizierung.</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Verfahren:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The server offers no second factor this console can use (%1).</source>
        <translation>Der Server bietet keinen zweiten Faktor an, den diese Konsole verwenden kann (%1).</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Authenticator app (TOTP)</source>
        <translation>Authenticator-App (TOTP)</translation>
    </message>
    <message>
        <source>Backup code</source>
        <translation>Backup-Code</translation>
    </message>
</context>
<context>
    <name>auth::console::MainWindow</name>
    <message>
        <source>About auth-console</source>
        <translation>Über auth-console</translation>
    </message>
    <message>
        <source>&lt;h3&gt;auth-console %1&lt;/h3&gt;&lt;p&gt;Security operations console for auth-service.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;auth-console %1&lt;/h3&gt;&lt;p&gt;Konsole für den Sicherheitsbetrieb von auth-service.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Edit Server &amp;Address</source>
        <translation>Serveradresse &amp;bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Forget Trusted Certificate</source>
        <translation>Vertrautes Zertifikat verge&amp;ssen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About auth-console</source>
        <translation>&amp;Über auth-console</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
    <message>
        <source>Forgot the trusted certificate of %1.</source>
        <translation>Das vertraute Zertifikat von %1 wurde vergessen.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Presented SHA-256: %1</source>
        <translation>Vorgelegter SHA-256: %1</translation>
    </message>
    <message>
        <source>auth-console – %1</source>
        <translation>auth-console – %1</translation>
    </message>
    <message>
        <source>auth-console</source>
        <translation>auth-console</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>TLS: not trusted</source>
        <translation>TLS: nicht vertrauenswürdig</translation>
    </message>
    <message>
        <source>TLS: pinned certificate</source>
        <translation>TLS: festgelegtes Zertifikat</translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <source>TLS: CA %1</source>
        <translation>TLS: CA %1</translation>
    </message>
    <message>
        <source>TLS: system CAs</source>
        <translation>TLS: System-CAs</translation>
    </message>
    <message>
        <source>Plain HTTP: not encrypted</source>
        <translation>HTTP: unverschlüsselt</translation>
    </message>
    <message>
        <source>Latency: %1 ms</source>
        <translation>Latenz: %1 ms</translation>
    </message>
    <message>
        <source>Latency: –</source>
        <translation>Latenz: –</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 presented a certificate that is not trusted:&lt;/b&gt; %2&lt;br&gt;SHA-256 fingerprint: %3&lt;br&gt;Trust it only if this is the fingerprint of the server&apos;s certificate (ask its operator, or run &lt;tt&gt;openssl x509 -noout -fingerprint -sha256 -in cert.pem&lt;/tt&gt; on the server).</source>
        <translation>&lt;b&gt;%1 hat ein Zertifikat vorgelegt, dem nicht vertraut wird:&lt;/b&gt; %2&lt;br&gt;SHA-256-Fingerabdruck: %3&lt;br&gt;Vertrauen Sie ihm nur, wenn dies der Fingerabdruck des Serverzertifikats ist (fragen Sie den Betreiber oder führen Sie auf dem Server &lt;tt&gt;openssl x509 -noout -fingerprint -sha256 -in cert.pem&lt;/tt&gt; aus).</translation>
    </message>
    <message>
        <source>Presented SHA-256: %1&lt;br&gt;Pinned SHA-256: %2&lt;br&gt;If the certificate was replaced on purpose, use Server ▸ Forget Trusted Certificate and connect again.</source>
        <translation>Vorgelegter SHA-256: %1&lt;br&gt;Festgelegter SHA-256: %2&lt;br&gt;Wurde das Zertifikat absichtlich ausgetauscht, wählen Sie Server ▸ Vertrautes Zertifikat vergessen und verbinden Sie sich erneut.</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>S&amp;ign In…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>Ü&amp;bersicht</translation>
    </message>
    <message>
        <source>Security Lo&amp;g</source>
        <translation>Sicherheits&amp;protokoll</translation>
    </message>
    <message>
        <source>Das&amp;hboard</source>
        <translation>Das&amp;hboard</translation>
    </message>
    <message>
        <source>A&amp;ccounts</source>
        <translation>&amp;Konten</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>&amp;Schlüssel</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>%1 anzeigen</translation>
    </message>
    <message>
        <source>Connect to a server before signing in.</source>
        <translation>Verbinden Sie sich vor der Anmeldung mit einem Server.</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>Angemeldet als %1.</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <source>%1 cannot be reached: %2 Next attempt in %3 s.</source>
        <translation>%1 ist nicht erreichbar: %2 Nächster Versuch in %3 s.</translation>
    </message>
    <message>
        <source>Retry &amp;Now</source>
        <translation>&amp;Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>LOCKDOWN: %1 is isolated. Sign-in and the public API are refused for everyone; only the admin API answers.</source>
        <translation>ABSCHOTTUNG: %1 ist isoliert. Anmeldung und öffentliche API sind für alle gesperrt; nur die Admin-API antwortet.</translation>
    </message>
    <message>
        <source>Reason: %1 (by %2).</source>
        <translation>Grund: %1 (von %2).</translation>
    </message>
    <message>
        <source>Your session has expired: %1 Sign in again to continue.</source>
        <translation>Ihre Sitzung ist abgelaufen: %1 Melden Sie sich erneut an, um fortzufahren.</translation>
    </message>
    <message>
        <source>Sign &amp;In Again…</source>
        <translation>Erneut &amp;anmelden…</translation>
    </message>
    <message>
        <source>Not signed in: sign in with an administrator account to see metrics, security logs, accounts and keys.</source>
        <translation>Nicht angemeldet: Melden Sie sich mit einem Administratorkonto an, um Metriken, Sicherheitsprotokolle, Konten und Schlüssel zu sehen.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1). Your sign-in is kept in memory only and must be repeated after a restart; nothing is written to disk.</source>
        <translation>Kein Systemschlüsselbund verfügbar (%1). Ihre Anmeldung wird nur im Arbeitsspeicher gehalten und muss nach einem Neustart wiederholt werden; nichts wird auf die Festplatte geschrieben.</translation>
    </message>
    <message>
        <source>Refresh now (connects when not connected)</source>
        <translation>Jetzt aktualisieren (verbindet, wenn keine Verbindung besteht)</translation>
    </message>
    <message>
        <source>Edit the server address</source>
        <translation>Serveradresse bearbeiten</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Overview, dashboard, security log, accounts, keys</source>
        <translation>Übersicht, Dashboard, Sicherheitsprotokoll, Konten, Schlüssel</translation>
    </message>
    <message>
        <source>Security log: edit the filter</source>
        <translation>Sicherheitsprotokoll: Filter bearbeiten</translation>
    </message>
    <message>
        <source>Security log: apply the filter</source>
        <translation>Sicherheitsprotokoll: Filter anwenden</translation>
    </message>
    <message>
        <source>Security log: live tail on or off</source>
        <translation>Sicherheitsprotokoll: Live-Ansicht ein oder aus</translation>
    </message>
    <message>
        <source>Security log: pause or resume the live tail</source>
        <translation>Sicherheitsprotokoll: Live-Ansicht anhalten oder fortsetzen</translation>
    </message>
    <message>
        <source>Security log: export the filtered events</source>
        <translation>Sicherheitsprotokoll: gefilterte Ereignisse exportieren</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>Diese Liste</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Benutzer: %1</translation>
    </message>
    <message>
        <source>Session expired</source>
        <translation>Sitzung abgelaufen</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Refresh the server&apos;s state and the view shown</source>
        <translation>Serverzustand und angezeigte Ansicht neu laden</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>Be&amp;richt exportieren…</translation>
    </message>
    <message>
        <source>Export a PDF metrics report</source>
        <translation>Einen PDF-Metrikbericht exportieren</translation>
    </message>
    <message>
        <source>Incident: breach response wizard</source>
        <translation>Vorfall: Assistent für Sicherheitsvorfälle</translation>
    </message>
    <message>
        <source>I&amp;ncident</source>
        <translation>Vor&amp;fall</translation>
    </message>
    <message>
        <source>&amp;Breach Response…</source>
        <translation>&amp;Reaktion auf Sicherheitsvorfall…</translation>
    </message>
    <message>
        <source>Sign in as an admin before starting a breach response.</source>
        <translation>Melden Sie sich als Administrator an, bevor Sie eine Reaktion auf einen Sicherheitsvorfall starten.</translation>
    </message>
    <message>
        <source>Breach Response</source>
        <translation>Reaktion auf Sicherheitsvorfall</translation>
    </message>
    <message>
        <source>Incident %1, opened %2 by %3, is not finished.</source>
        <translation>Vorfall %1, eröffnet %2 von %3, ist nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>&amp;Resume Incident %1</source>
        <translation>Vorfall %1 &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;New Incident</source>
        <translation>&amp;Neuer Vorfall</translation>
    </message>
</context>
<context>
    <name>auth::console::MetricsCharts</name>
    <message>
        <source>Login success rate</source>
        <translation>Erfolgsquote der Anmeldungen</translation>
    </message>
    <message>
        <source>success %</source>
        <translation>Erfolg %</translation>
    </message>
    <message>
        <source>threshold %1 %</source>
        <translation>Schwelle %1 %</translation>
    </message>
    <message>
        <source>Failed logins per minute</source>
        <translation>Fehlgeschlagene Anmeldungen pro Minute</translation>
    </message>
    <message>
        <source>failed/min</source>
        <translation>fehlgeschlagen/min</translation>
    </message>
    <message>
        <source>P1 %1/min</source>
        <translation>P1 %1/min</translation>
    </message>
    <message>
        <source>P0 %1/min</source>
        <translation>P0 %1/min</translation>
    </message>
    <message>
        <source>MFA challenge success rate</source>
        <translation>Erfolgsquote der MFA-Abfragen</translation>
    </message>
    <message>
        <source>Rate-limit triggers and lockouts</source>
        <translation>Ratenbegrenzungen und Kontosperren</translation>
    </message>
    <message>
        <source>rate limited</source>
        <translation>begrenzt</translation>
    </message>
    <message>
        <source>lockouts</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Token issuance per minute</source>
        <translation>Ausgestellte Tokens pro Minute</translation>
    </message>
    <message>
        <source>tokens/min</source>
        <translation>Tokens/min</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>Antwortzeit</translation>
    </message>
    <message>
        <source>p50 ms</source>
        <translation>p50 ms</translation>
    </message>
    <message>
        <source>p95 ms</source>
        <translation>p95 ms</translation>
    </message>
    <message>
        <source>target %1 ms</source>
        <translation>Ziel %1 ms</translation>
    </message>
    <message>
        <source>P1 %1 ms</source>
        <translation>P1 %1 ms</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 und %n weiterer</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>auth::console::MetricsSeries</name>
    <message>
        <source>The metrics series has no points list.</source>
        <translation>Die Metrikreihe enthält keine Punkteliste.</translation>
    </message>
</context>
<context>
    <name>auth::console::RecoverPage</name>
    <message>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Lift the isolation once the threat is contained; the console then checks /health and that logins are answered again.</source>
        <translation>Heben Sie die Isolation auf, sobald die Bedrohung eingedämmt ist; die Konsole prüft dann /health und ob Anmeldungen wieder beantwortet werden.</translation>
    </message>
</context>
<context>
    <name>auth::console::ReportCollector</name>
    <message>
        <source>Could not fetch %1: %2</source>
        <translation>%1 konnte nicht abgerufen werden: %2</translation>
    </message>
    <message>
        <source>signed-in administrator</source>
        <translation>angemeldeter Administrator</translation>
    </message>
    <message>
        <source>the signed-in administrator</source>
        <translation>Der angemeldete Administrator</translation>
    </message>
    <message>
        <source>metrics series</source>
        <translation>Metrikreihen</translation>
    </message>
    <message>
        <source>the metrics series</source>
        <translation>Die Metrikreihen</translation>
    </message>
    <message>
        <source>threat metrics</source>
        <translation>Bedrohungsmetriken</translation>
    </message>
    <message>
        <source>the threat metrics</source>
        <translation>Die Bedrohungsmetriken</translation>
    </message>
    <message>
        <source>threat summary</source>
        <translation>Bedrohungsübersicht</translation>
    </message>
    <message>
        <source>the threat summary</source>
        <translation>Die Bedrohungsübersicht</translation>
    </message>
    <message>
        <source>alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>compliance summary</source>
        <translation>Compliance-Übersicht</translation>
    </message>
    <message>
        <source>the compliance summary</source>
        <translation>Die Compliance-Übersicht</translation>
    </message>
    <message>
        <source>compliance violations</source>
        <translation>Compliance-Verstöße</translation>
    </message>
    <message>
        <source>the compliance violations</source>
        <translation>Die Compliance-Verstöße</translation>
    </message>
    <message>
        <source>signing keys</source>
        <translation>Signaturschlüssel</translation>
    </message>
    <message>
        <source>the signing keys</source>
        <translation>Die Signaturschlüssel</translation>
    </message>
    <message>
        <source>lockouts</source>
        <translation>Kontosperren</translation>
    </message>
    <message>
        <source>failed logins</source>
        <translation>fehlgeschlagene Anmeldungen</translation>
    </message>
    <message>
        <source>the alerts</source>
        <translation>Die Alarme</translation>
    </message>
    <message>
        <source>the %1 events</source>
        <translation>Die %1-Ereignisse</translation>
    </message>
</context>
<context>
    <name>auth::console::ReportCommand</name>
    <message>
        <source>The folder of %1 does not exist.</source>
        <translation>Der Ordner von %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The session stored in the keychain for %1 was refused; sign in with the console once more, or set AUTH_CONSOLE_TOKEN.</source>
        <translation>Die im Schlüsselbund gespeicherte Sitzung für %1 wurde abgelehnt; melden Sie sich noch einmal mit der Konsole an oder setzen Sie AUTH_CONSOLE_TOKEN.</translation>
    </message>
    <message>
        <source>the keychain holds no session for %1</source>
        <translation>der Schlüsselbund enthält keine Sitzung für %1</translation>
    </message>
    <message>
        <source>no keychain is available (%1)</source>
        <translation>kein Schlüsselbund ist verfügbar (%1)</translation>
    </message>
    <message>
        <source>No credentials: set AUTH_CONSOLE_TOKEN to an admin access token; %1.</source>
        <translation>Keine Zugangsdaten: Setzen Sie AUTH_CONSOLE_TOKEN auf ein Admin-Zugriffstoken; %1.</translation>
    </message>
    <message>
        <source>The stored session is no longer valid; sign in with the console again.</source>
        <translation>Die gespeicherte Sitzung ist nicht mehr gültig; melden Sie sich erneut mit der Konsole an.</translation>
    </message>
    <message>
        <source>The access token in AUTH_CONSOLE_TOKEN was refused (expired or revoked?).</source>
        <translation>Das Zugriffstoken in AUTH_CONSOLE_TOKEN wurde abgelehnt (abgelaufen oder widerrufen?).</translation>
    </message>
    <message>
        <source>Reports need an administrator&apos;s token.</source>
        <translation>Berichte brauchen das Token eines Administrators.</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 pages); SHA-256 of the report data: %3</source>
        <translation>%1 geschrieben (%2 Seiten); SHA-256 der Berichtsdaten: %3</translation>
    </message>
</context>
<context>
    <name>auth::console::ReportData</name>
    <message>
        <source>The report data is not a JSON object.</source>
        <translation>Die Berichtsdaten sind kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The report data has an unknown format.</source>
        <translation>Die Berichtsdaten haben ein unbekanntes Format.</translation>
    </message>
</context>
<context>
    <name>auth::console::ReportDialog</name>
    <message>
        <source>Fetching %1…</source>
        <translation>Rufe %1 ab…</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>Also save the report &amp;data (JSON) to check the footer&apos;s SHA-256</source>
        <translation>Berichts&amp;daten (JSON) mitspeichern, um den SHA-256 der Fußzeile zu prüfen</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Sign in to export a report.</source>
        <translation>Melden Sie sich an, um einen Bericht zu exportieren.</translation>
    </message>
    <message>
        <source>Choose a file in an existing folder.</source>
        <translation>Wählen Sie eine Datei in einem vorhandenen Ordner.</translation>
    </message>
    <message>
        <source>The period must end after it begins.</source>
        <translation>Der Zeitraum muss nach seinem Beginn enden.</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Schreibe das PDF…</translation>
    </message>
    <message>
        <source>Report written to %1 (%2 pages).</source>
        <translation>Bericht nach %1 geschrieben (%2 Seiten).</translation>
    </message>
</context>
<context>
    <name>auth::console::ReportPage</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Write Report</source>
        <translation>Bericht &amp;schreiben</translation>
    </message>
    <message>
        <source>The incident timeline as a PDF: every journal entry with its time and outcome.</source>
        <translation>Die Zeitleiste des Vorfalls als PDF: jeder Journaleintrag mit Zeit und Ergebnis.</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Speichern unter:</translation>
    </message>
    <message>
        <source>Written to %1.</source>
        <translation>Nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Save Incident Report</source>
        <translation>Vorfallsbericht speichern</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Written to %1 (SHA-256 %2).</source>
        <translation>Nach %1 geschrieben (SHA-256 %2).</translation>
    </message>
</context>
<context>
    <name>auth::console::ReportWriter</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>SHA-256 of the report data: %1</source>
        <translation>SHA-256 der Berichtsdaten: %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>auth-service security metrics report · %1</source>
        <translation>auth-service Sicherheitsmetrik-Bericht · %1</translation>
    </message>
    <message>
        <source>Security Metrics Report</source>
        <translation>Sicherheitsmetrik-Bericht</translation>
    </message>
    <message>
        <source>auth-service</source>
        <translation>auth-service</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Verfasser</translation>
    </message>
    <message>
        <source>Generated at</source>
        <translation>Erstellt am</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>All times are UTC. The footer of every page carries the SHA-256 of the data this report was made from; when the data was saved beside the report, sha256sum of that file gives the same value.</source>
        <translation>Alle Zeiten in UTC. Die Fußzeile jeder Seite trägt den SHA-256 der Daten, aus denen dieser Bericht erstellt wurde; wurden die Daten neben dem Bericht gespeichert, ergibt sha256sum dieser Datei denselben Wert.</translation>
    </message>
    <message>
        <source>Successful logins</source>
        <translation>Erfolgreiche Anmeldungen</translation>
    </message>
    <message>
        <source>Failed logins</source>
        <translation>Fehlgeschlagene Anmeldungen</translation>
    </message>
    <message>
        <source>Login success rate</source>
        <translation>Erfolgsquote der Anmeldungen</translation>
    </message>
    <message>
        <source>Source IPs with failed logins</source>
        <translation>Quell-IPs mit fehlgeschlagenen Anmeldungen</translation>
    </message>
    <message>
        <source>Account lockouts</source>
        <translation>Kontosperren</translation>
    </message>
    <message>
        <source>Tokens issued</source>
        <translation>Ausgestellte Tokens</translation>
    </message>
    <message>
        <source>Alerts (firing)</source>
        <translation>Alarme (aktiv)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Compliance checks passed / failed</source>
        <translation>Compliance-Prüfungen bestanden / nicht bestanden</translation>
    </message>
    <message>
        <source>Blocked logins in the last hour</source>
        <translation>Blockierte Anmeldungen in der letzten Stunde</translation>
    </message>
    <message>
        <source>Addresses caught credential stuffing</source>
        <translation>Beim Credential Stuffing ertappte Adressen</translation>
    </message>
    <message>
        <source>Response time p95 (last minute)</source>
        <translation>Antwortzeit p95 (letzte Minute)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Signing keys</source>
        <translation>Signaturschlüssel</translation>
    </message>
    <message>
        <source>Metrics Charts</source>
        <translation>Metrikdiagramme</translation>
    </message>
    <message>
        <source>The server has no metrics for this period.</source>
        <translation>Der Server hat für diesen Zeitraum keine Metriken.</translation>
    </message>
    <message>
        <source>Top Failing Source IPs</source>
        <translation>Häufigste Quell-IPs fehlgeschlagener Anmeldungen</translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation>Quell-IP</translation>
    </message>
    <message>
        <source>Accounts tried</source>
        <translation>Versuchte Konten</translation>
    </message>
    <message>
        <source>Last failure</source>
        <translation>Letzter Fehlschlag</translation>
    </message>
    <message>
        <source>No failed logins in this period.</source>
        <translation>Keine fehlgeschlagenen Anmeldungen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Counted from the newest %1 failed logins of the period only.</source>
        <translation>Nur aus den neuesten %1 fehlgeschlagenen Anmeldungen des Zeitraums gezählt.</translation>
    </message>
    <message>
        <source>Account Lockouts</source>
        <translation>Kontosperren</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Gesperrt bis</translation>
    </message>
    <message>
        <source>No accounts were locked in this period.</source>
        <translation>In diesem Zeitraum wurden keine Konten gesperrt.</translation>
    </message>
    <message>
        <source>by an admin: %1</source>
        <translation>durch einen Admin: %1</translation>
    </message>
    <message>
        <source>Only the newest %1 lockouts of the period are listed.</source>
        <translation>Nur die neuesten %1 Sperren des Zeitraums sind aufgeführt.</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>No alerts in this period.</source>
        <translation>Keine Alarme in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Only the newest alerts are listed.</source>
        <translation>Nur die neuesten Alarme sind aufgeführt.</translation>
    </message>
    <message>
        <source>Compliance Violations</source>
        <translation>Compliance-Verstöße</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Rahmenwerk</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>Kontrolle</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Remediation</source>
        <translation>Behebung</translation>
    </message>
    <message>
        <source>No compliance check failed.</source>
        <translation>Keine Compliance-Prüfung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Signing Key Ages</source>
        <translation>Alter der Signaturschlüssel</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>Age (days)</source>
        <translation>Alter (Tage)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Retire after</source>
        <translation>Außer Dienst nach</translation>
    </message>
    <message>
        <source>The server listed no signing keys.</source>
        <translation>Der Server hat keine Signaturschlüssel aufgeführt.</translation>
    </message>
    <message>
        <source>Keys are rotated every %1 days (KEY_ROTATION_DAYS).</source>
        <translation>Schlüssel werden alle %1 Tage rotiert (KEY_ROTATION_DAYS).</translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation>%1 (Fortsetzung)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot start a PDF in %1.</source>
        <translation>In %1 kann kein PDF begonnen werden.</translation>
    </message>
    <message>
        <source>too many failed logins</source>
        <translation>zu viele fehlgeschlagene Anmeldungen</translation>
    </message>
    <message>
        <source>The first %1 of %2 rows are shown; the report data has all of them.</source>
        <translation>Die ersten %1 von %2 Zeilen werden gezeigt; die Berichtsdaten enthalten alle.</translation>
    </message>
</context>
<context>
    <name>auth::console::ServerConnection</name>
    <message>
        <source>There is no presented certificate to trust.</source>
        <translation>Es liegt kein vorgelegtes Zertifikat vor, dem vertraut werden könnte.</translation>
    </message>
</context>
<context>
    <name>auth::console::ServerProfile</name>
    <message>
        <source>Enter the server address, for example https://127.0.0.1:3000.</source>
        <translation>Geben Sie die Serveradresse ein, zum Beispiel https://127.0.0.1:3000.</translation>
    </message>
    <message>
        <source>The server address must not contain a user name, query or fragment.</source>
        <translation>Die Serveradresse darf weder Benutzernamen noch Query oder Fragment enthalten.</translation>
    </message>
    <message>
        <source>Plain HTTP is refused for %1: use https://.</source>
        <translation>Unverschlüsseltes HTTP zu %1 wird abgelehnt: Verwenden Sie https://.</translation>
    </message>
    <message>
        <source>Plain HTTP is off: use https:// or allow plain HTTP to this loopback address.</source>
        <translation>Unverschlüsseltes HTTP ist ausgeschaltet: Verwenden Sie https:// oder erlauben Sie unverschlüsseltes HTTP zu dieser Loopback-Adresse.</translation>
    </message>
    <message>
        <source>A CA certificate or pinned fingerprint needs an https:// address.</source>
        <translation>Ein CA-Zertifikat oder ein festgelegter Fingerabdruck erfordert eine https://-Adresse.</translation>
    </message>
    <message>
        <source>Unsupported scheme &quot;%1&quot;: use https://.</source>
        <translation>Nicht unterstütztes Schema „%1“: Verwenden Sie https://.</translation>
    </message>
    <message>
        <source>Choose either a CA certificate or a pinned fingerprint, not both.</source>
        <translation>Wählen Sie entweder ein CA-Zertifikat oder einen festgelegten Fingerabdruck, nicht beides.</translation>
    </message>
    <message>
        <source>The pinned fingerprint must be 64 hexadecimal digits (SHA-256).</source>
        <translation>Der festgelegte Fingerabdruck muss aus 64 Hexadezimalziffern (SHA-256) bestehen.</translation>
    </message>
</context>
</TS>
