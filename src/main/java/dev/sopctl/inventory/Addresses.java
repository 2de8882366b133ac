package dev.sopctl.inventory;

import java.util.regex.Pattern;

/** Syntax checks for the addresses written in an inventory; nothing here touches the network. */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(:\\d{1,3}(\\.\\d{1,3}){3})?(%[A-Za-z0-9_.-]+)?");

    private Addresses() {}

    static boolean isIpv4(String text) {
        var m = IPV4.matcher(text);
        if (!m.matches()) {
            return false;
        }
        for (int g = 1; g <= 4; g++) {
            if (Integer.parseInt(m.group(g)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** A DNS name (RFC 1123 labels); something made only of digits and dots must be an IPv4 address instead. */
    static boolean isHostname(String text) {
        if (text.isEmpty() || text.length() > 253 || DOTTED_NUMBERS.matcher(text).matches()) {
            return false;
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Loose IPv6 syntax (hex groups and colons, optional dotted tail and zone); enough to catch typos. */
    static boolean isIpv6(String text) {
        return text.indexOf(':') != text.lastIndexOf(':') && IPV6.matcher(text).matches();
    }

    static boolean isIpv4OrHostname(String text) {
        return isIpv4(text) || isHostname(text);
    }

    static boolean isAddress(String text) {
        return isIpv4(text) || isIpv6(text) || isHostname(text);
    }
}
