package org.telltale.proxy.internal;

import io.netty.channel.Channel;

/**
 * A channel that carries one request to an upstream server as HTTP/1.1 objects: a whole HTTP/1.1
 * connection, or one stream of an HTTP/2 connection (translated by Netty's stream codec).
 *
 * @param channel    where to write the request and whose pipeline reads the response
 * @param connection the upstream socket channel (the same as {@code channel} for HTTP/1.1)
 * @param target     the server it goes to
 * @param http2      true when it is an HTTP/2 stream
 */
public record UpstreamLink(Channel channel, Channel connection, Target target, boolean http2) {
}
