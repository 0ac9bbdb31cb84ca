package org.telltale.proxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AttributeKey;
import org.telltale.api.Header;

/**
 * An HTTP/2 request's head as the client sent it, before Netty turns it into an HTTP/1.1 message
 * (which moves :authority into Host, joins cookies and adds its own extension headers).
 *
 * @param scheme    the :scheme pseudo-header
 * @param authority the :authority pseudo-header; null when absent
 * @param path      the :path pseudo-header
 * @param headers   the regular headers in the order sent (names lower case, as HTTP/2 has them)
 */
public record Http2RequestHead(String scheme, String authority, String path, List<Header> headers) {
    private static final AttributeKey<Http2RequestHead> KEY = AttributeKey.valueOf(Http2RequestHead.class, "head");

    public static Http2RequestHead of(Http2Headers h2) {
        List<Header> headers = new ArrayList<>(h2.size());
        for (Map.Entry<CharSequence, CharSequence> e : h2) {
            String name = e.getKey().toString();
            if (!name.startsWith(":")) {
                headers.add(new Header(name, e.getValue().toString()));
            }
        }
        return new Http2RequestHead(str(h2.scheme()), str(h2.authority()), str(h2.path()), headers);
    }

    public void attachTo(Channel stream) {
        stream.attr(KEY).set(this);
    }

    /** The head kept on an HTTP/2 stream channel; null on an HTTP/1.1 connection. */
    public static Http2RequestHead on(Channel channel) {
        return channel.attr(KEY).get();
    }

    private static String str(CharSequence s) {
        return s == null ? null : s.toString();
    }
}
