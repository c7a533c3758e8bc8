<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
