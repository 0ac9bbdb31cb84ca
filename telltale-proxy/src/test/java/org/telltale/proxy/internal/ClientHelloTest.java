package org.telltale.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.Test;

/** ClientHellos written by the JDK's own TLS, the oracle for what the parser must read. */
class ClientHelloTest {
    static byte[] jdkHello(String sni, String... alpn) throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("ignored.example", 443);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        parameters.setApplicationProtocols(alpn);
        engine.setSSLParameters(parameters);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void theServerNameAndOfferedProtocolsAreRead() throws Exception {
        byte[] hello = jdkHello("api.example.com", "h2", "http/1.1");

        assertThat(ClientHello.parse(hello, hello.length))
                .isEqualTo(new ClientHello.Complete(new ClientHello("api.example.com", List.of("h2", "http/1.1"))));
    }

    @Test
    void aHelloWithoutServerNameOrAlpnHasNeither() throws Exception {
        byte[] hello = jdkHello(null);

        assertThat(ClientHello.parse(hello, hello.length)).isEqualTo(new ClientHello.Complete(new ClientHello(null, List.of())));
    }

    @Test
    void everyCutShortOfTheWholeHelloAsksForMore() throws Exception {
        byte[] hello = jdkHello("cut.example.com", "h2");
        for (int n = 1; n < hello.length; n++) {
            assertThat(ClientHello.parse(hello, n)).as("the first %d of %d bytes", n, hello.length)
                    .isInstanceOf(ClientHello.NeedMore.class);
        }
    }

    @Test
    void aHelloSplitOverTwoRecordsIsJoined() throws Exception {
        byte[] hello = jdkHello("split.example.com", "http/1.1");
        int body = hello.length - 5;
        int first = body / 3;
        byte[] split = new byte[hello.length + 5];
        System.arraycopy(hello, 0, split, 0, 5 + first);
        split[3] = (byte) (first >> 8);
        split[4] = (byte) first;
        System.arraycopy(hello, 0, split, 5 + first, 3);
        split[5 + first + 3] = (byte) ((body - first) >> 8);
        split[5 + first + 4] = (byte) (body - first);
        System.arraycopy(hello, 5 + first, split, 10 + first, body - first);

        assertThat(ClientHello.parse(split, split.length))
                .isEqualTo(new ClientHello.Complete(new ClientHello("split.example.com", List.of("http/1.1"))));
    }

    @Test
    void otherBytesAreNotAHello() {
        byte[] http = "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ClientHello.parse(http, http.length)).isInstanceOf(ClientHello.NotClientHello.class);
        byte[] alert = {21, 3, 3, 0, 2, 2, 40};
        assertThat(ClientHello.parse(alert, alert.length)).isInstanceOf(ClientHello.NotClientHello.class);
    }
}
