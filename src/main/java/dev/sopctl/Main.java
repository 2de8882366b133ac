package dev.sopctl;
public final class Main { public static void main(String[] a) {} }
