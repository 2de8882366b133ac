package dev.sopctl;

/** The main class of the small jar {@link LauncherAotCacheTest} runs through bin/sopctl on a real JDK. */
public final class LauncherProbe {
    private LauncherProbe() {}

    public static void main(String[] args) {
        System.out.println("probe " + String.join(" ", args));
    }
}
