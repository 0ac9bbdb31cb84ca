package org.telltale.proxy.internal;

import io.netty.util.NetUtil;

/** Reads the authority-form target of a CONNECT request: "host:port", "[v6]:port". */
public final class ConnectTarget {
    private ConnectTarget() {
    }

    /** The tunnel asked for; null when the target is not host:port with a port from 1 to 65535. */
    public static Tunnel parse(String authority) {
        if (authority == null || authority.isEmpty() || authority.contains("/") || authority.contains("@")) {
            return null;
        }
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || close + 1 >= authority.length() || authority.charAt(close + 1) != ':') {
                return null;
            }
            host = authority.substring(1, close);
            if (!NetUtil.isValidIpV6Address(host)) {
                return null;
            }
            port = authority.substring(close + 2);
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon <= 0 || authority.indexOf(':') != colon) {
                return null;
            }
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        if (!host.matches("[A-Za-z0-9._:-]+")) {
            return null;
        }
        try {
            int p = Integer.parseInt(port);
            return p >= 1 && p <= 65535 ? new Tunnel(host, p) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
