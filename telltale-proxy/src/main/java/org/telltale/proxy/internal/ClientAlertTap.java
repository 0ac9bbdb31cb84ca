package org.telltale.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Watches the TLS records a client sends during the handshake for a plaintext alert, which names why
 * the client gave up (48 unknown_ca: it does not trust Telltale's CA). Needed because the JDK's TLS
 * cannot read a plaintext alert that arrives once it expects encrypted TLS 1.3 records and reports a
 * decryption error instead. Sits before the TLS handler, only looks, and leaves after the handshake.
 */
public final class ClientAlertTap extends ChannelInboundHandlerAdapter {
    private static final int ALERT = 21;

    private final byte[] header = new byte[5];
    private int headerBytes;
    private int bodyLeft;
    private boolean inAlert;
    private int alertBytes;
    private int description = -1;
    private String alert;

    /** The alert the client sent in plaintext, by its RFC 8446 name; null when none was seen. */
    public String alert() {
        return alert;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && alert == null) {
            for (int i = bytes.readerIndex(); i < bytes.writerIndex(); i++) {
                step(bytes.getByte(i) & 0xff);
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void step(int b) {
        if (bodyLeft == 0) {
            header[headerBytes++] = (byte) b;
            if (headerBytes == 5) {
                headerBytes = 0;
                bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                inAlert = (header[0] & 0xff) == ALERT && bodyLeft == 2;
                alertBytes = 0;
            }
            return;
        }
        bodyLeft--;
        if (inAlert) {
            if (alertBytes++ == 1) {
                description = b;
                alert = name(description);
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(event);
    }

    static String name(int description) {
        return switch (description) {
            case 0 -> "close_notify";
            case 10 -> "unexpected_message";
            case 20 -> "bad_record_mac";
            case 40 -> "handshake_failure";
            case 42 -> "bad_certificate";
            case 43 -> "unsupported_certificate";
            case 44 -> "certificate_revoked";
            case 45 -> "certificate_expired";
            case 46 -> "certificate_unknown";
            case 47 -> "illegal_parameter";
            case 48 -> "unknown_ca";
            case 49 -> "access_denied";
            case 50 -> "decode_error";
            case 51 -> "decrypt_error";
            case 70 -> "protocol_version";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 86 -> "inappropriate_fallback";
            case 90 -> "user_canceled";
            case 109 -> "missing_extension";
            case 110 -> "unsupported_extension";
            case 112 -> "unrecognized_name";
            case 116 -> "certificate_required";
            case 120 -> "no_application_protocol";
            default -> "alert " + description;
        };
    }
}
