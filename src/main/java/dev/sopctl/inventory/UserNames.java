package dev.sopctl.inventory;

import java.util.regex.Pattern;

/**
 * What sopctl accepts as a user name (the inventory's {@code user:}, a step's {@code as:},
 * {@code exec --as}): the portable POSIX user-name characters, starting with a letter or
 * {@code _}, at most 32 characters. A name is handed to {@code ssh USER@HOST}, {@code su - USER}
 * and {@code sudo -u USER}, where a leading {@code -} would be read as an option
 * ({@code -oProxyCommand=…}, {@code -s/path/script}); quoting cannot prevent that, this check does.
 */
public final class UserNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

    /** How a valid name looks, for messages. */
    public static final String RULE =
            "a letter or _ first, then letters, digits, _ . -; at most 32 characters";

    private UserNames() {}

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
