package org.telltale.proxy.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/** The clients the proxy serves (--allow), as CIDR blocks; a bare address is one host. */
public final class AllowList {
    private final List<IpSubnetFilterRule> rules;

    private AllowList(List<IpSubnetFilterRule> rules) {
        this.rules = rules;
    }

    /** Parses "192.168.1.0/24", "::1/128", "10.0.0.7"; throws IllegalArgumentException naming a bad entry. */
    public static AllowList parse(List<String> cidrs) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String cidr : cidrs) {
            String text = cidr.trim();
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            boolean v4 = NetUtil.isValidIpV4Address(address);
            if (!v4 && !NetUtil.isValidIpV6Address(address)) {
                throw new IllegalArgumentException("--allow " + cidr + ": not an IP address or CIDR block");
            }
            int max = v4 ? 32 : 128;
            int prefix;
            try {
                prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--allow " + cidr + ": the prefix length is not a number");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("--allow " + cidr + ": the prefix length is not between 0 and " + max);
            }
            rules.add(new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
        }
        return new AllowList(List.copyOf(rules));
    }

    public boolean allows(InetSocketAddress client) {
        for (IpSubnetFilterRule rule : rules) {
            if (rule.matches(client)) {
                return true;
            }
        }
        return false;
    }
}
