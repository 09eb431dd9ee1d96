package org.backprop4j.nn.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code mvn -q -pl nn -am test-compile exec:exec -Dexample=Name -Dexample.args="…"} runs: the example
 * {@code -Dexample} names (any case: {@code Seed}, {@code seed}), with the arguments of {@code -Dexample.args}. An
 * unknown name, or an argument the example refuses, ends it with one {@code error:} line and exit status 2, not a
 * {@link ClassNotFoundException} or a stack trace.
 */
public final class Examples {

    /** The examples, as the nn README lists them. */
    static final List<String> NAMES = List.of("Seed", "Moons", "Digits", "Newton", "Poisson");

    private Examples() {
    }

    /**
     * Runs an example and exits with {@link #run}'s status.
     *
     * @param args the example's name, then its arguments
     */
    public static void main(String[] args) {
        int status = run(args, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs an example.
     *
     * @param args the example's name, then its arguments
     * @param err where the {@code error:} line goes
     * @return 0, or 2 when the name or an argument is refused
     */
    static int run(String[] args, PrintStream err) {
        String given = args.length == 0 ? "" : args[0].trim();
        String name = NAMES.stream().filter(n -> n.equalsIgnoreCase(given)).findFirst().orElse(null);
        if (name == null) {
            err.println("error: no example '" + given + "' (-Dexample=" + given + "): choose from " + String.join(", ", NAMES));
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        try {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "seed" -> SeedExample.main(rest);
                case "moons" -> MoonsExample.main(rest);
                case "digits" -> DigitsExample.main(rest);
                case "newton" -> NewtonExample.main(rest);
                default -> PoissonExample.main(rest);
            }
        } catch (ExampleArguments.Refused e) {
            err.println("error: -Dexample.args=\"" + String.join(" ", rest) + "\": " + e.getMessage());
            return 2;
        }
        return 0;
    }
}
