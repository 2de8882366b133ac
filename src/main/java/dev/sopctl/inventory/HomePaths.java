package dev.sopctl.inventory;

/** {@code ~} expansion for paths written in the inventory. */
public final class HomePaths {
    private HomePaths() {}

    public static String expandHome(String path) {
        if (path == null) {
            return null;
        }
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
