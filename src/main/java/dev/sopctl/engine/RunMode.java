package dev.sopctl.engine;

/** How far a run goes: everything, or ({@code --check}) the probes only. Dry-runs never reach the executor. */
public enum RunMode { RUN, CHECK }
