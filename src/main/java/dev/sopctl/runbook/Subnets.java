package dev.sopctl.runbook;

import java.util.Optional;

/** IPv4 subnet arithmetic for parameters ({@code within}); addresses are already checked as dotted quads. */
final class Subnets {
    private Subnets() {}

    /**
     * Why {@code ip} cannot be a host (a gateway) on the subnet of {@code cidr}, or empty when it can:
     * outside the subnet, its network or broadcast address, or the cidr's own address.
     */
    static Optional<String> outside(String ip, String cidr) {
        int slash = cidr.indexOf('/');
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        long own = number(cidr.substring(0, slash));
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        long network = own & mask;
        long broadcast = network | (~mask & 0xffffffffL);
        long address = number(ip);
        String range = text(network) + "/" + prefix;
        if ((address & mask) != network) {
            return Optional.of("is outside the subnet " + range);
        }
        if (prefix <= 30 && (address == network || address == broadcast)) {
            return Optional.of("is the " + (address == network ? "network" : "broadcast") + " address of the subnet " + range);
        }
        if (address == own) {
            return Optional.of("is the address itself");
        }
        return Optional.empty();
    }

    private static long number(String dotted) {
        long n = 0;
        for (String part : dotted.split("\\.")) {
            n = (n << 8) | Long.parseLong(part);
        }
        return n;
    }

    private static String text(long n) {
        return ((n >> 24) & 255) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }
}
