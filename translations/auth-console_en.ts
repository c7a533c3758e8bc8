<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
