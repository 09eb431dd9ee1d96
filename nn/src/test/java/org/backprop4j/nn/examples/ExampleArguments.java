package org.backprop4j.nn.examples;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The examples' command-line arguments ({@code -Dexample.args="…"}): a count (steps or epochs) first,
 * then, for the examples that draw, the folder the pictures go to (default {@code target}). Each is
 * checked before any training starts, so a typo costs no training run and gets a message naming
 * the argument, not a {@link NumberFormatException} or an error from a plot at the end.
 */
final class ExampleArguments {

    private ExampleArguments() {
    }

    /**
     * Refuses more arguments than the example reads.
     *
     * @param args the arguments
     * @param usage what the example reads, e.g. {@code "[steps] [folder]"}, whose words are counted
     * @throws Refused if there are more arguments than words in usage, naming them
     */
    static void atMost(String[] args, String usage) {
        Objects.requireNonNull(args, "args");
        int allowed = usage.split(" ").length;
        if (args.length > allowed) {
            throw new Refused("expected at most " + allowed + " arguments, " + usage + ", got "
                    + args.length + ": " + String.join(" ", args));
        }
    }

    /**
     * The count given as the first argument, or {@code fallback} when there is none.
     *
     * @param args the arguments
     * @param what what the count is, for the message, e.g. {@code "the number of steps"}
     * @param fallback the count when args is empty
     * @param minimum the smallest count accepted
     * @return the count
     * @throws Refused if the first argument is not a whole number, is below minimum or is above
     *         {@link Integer#MAX_VALUE}, naming it
     */
    static int count(String[] args, String what, int fallback, int minimum) {
        Objects.requireNonNull(args, "args");
        if (args.length == 0) {
            return fallback;
        }
        String text = args[0].trim();
        if (!text.matches("[+-]?[0-9]+")) {
            throw new Refused(what + " (the first argument) must be a whole number, got \"" + args[0] + "\"");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new Refused(what + " (the first argument) must be at most " + Integer.MAX_VALUE + ", got " + text);
        }
        if (value.compareTo(BigInteger.valueOf(minimum)) < 0) {
            throw new Refused(what + " must be at least " + minimum + ", got " + text);
        }
        return value.intValueExact();
    }

    /**
     * Checks a count an example's method was given.
     *
     * @param what what the count is, for the message
     * @param value the count
     * @param minimum the smallest count accepted
     * @return value
     * @throws IllegalArgumentException if value is below minimum, naming both
     */
    static int atLeast(String what, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    /**
     * The folder given as the second argument, or {@code target}, created if it does not exist.
     *
     * @param args the arguments
     * @return the folder, which exists and is a directory
     * @throws Refused if that path is a file or the folder cannot be created
     */
    static Path folder(String[] args) {
        Objects.requireNonNull(args, "args");
        Path folder = Path.of(args.length > 1 ? args[1] : "target");
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new Refused("the output folder (the second argument) " + folder + " is a file, not a folder");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new Refused("cannot create the output folder (the second argument) " + folder + ": " + e);
        }
        return folder;
    }

    /**
     * An argument on the command line refused before anything trains: {@link Examples} prints its message as one
     * {@code error:} line, with no stack trace.
     */
    static final class Refused extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        /** @param message what was refused, naming the argument */
        Refused(String message) {
            super(message);
        }
    }
}
