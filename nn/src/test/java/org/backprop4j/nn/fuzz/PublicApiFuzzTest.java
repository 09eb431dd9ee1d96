package org.backprop4j.nn.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.fuzz.Candidates.Candidate;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingException;
import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public constructor and method of core-scalar, core-tensor and nn, called with hostile
 * arguments: each call either returns, or throws {@code IllegalArgumentException},
 * {@code IllegalStateException}, a {@code NullPointerException} whose message names what was null,
 * or one of the library's own exceptions (or a checked {@code IOException} the method declares), each
 * with a message; never an index, array-size, arithmetic, cast or memory error, an NPE from inside
 * the library, or a hang. A call that throws leaves its receiver and its arguments unchanged (a
 * model's parameters and gradients, an optimizer's step count, a file's bytes, arrays); no call
 * leaves a save's temporary file behind, and no call but {@code Workspace.recycle} makes a tensor the
 * caller holds unusable.
 *
 * <p>For each method, on every receiver: the all-good call, and each argument in turn replaced by
 * each of its hostile candidates (the others good); then {@value #RANDOM_CALLS} seeded random mixes. The seed
 * is {@code -Dfuzz.seed} (default 20261126); a failure names the call, so it can be replayed by hand.
 */
class PublicApiFuzzTest {

    private static final int RANDOM_CALLS = 4;
    private static final long TIMEOUT_SECONDS = 20;

    @TempDir
    Path folder;

    private ExecutorService worker;
    private final List<String> failures = new ArrayList<>();
    private final Set<String> distinctCalls = new LinkedHashSet<>();

    @Test
    void everyPublicCallEitherWorksOrRefusesClearly() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261126L);
        SplittableRandom random = new SplittableRandom(seed);
        Candidates candidates = new Candidates(folder);
        worker = newWorker();
        List<Class<?>> types = PublicApi.types(Value.class, Tensor.class, Architecture.class);
        List<String> unknown = new ArrayList<>();
        int executables = 0;
        try {
            for (Class<?> type : types) {
                for (Executable executable : PublicApi.executables(type)) {
                    executables++;
                    fuzz(type, executable, candidates, random, unknown);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("public API fuzz: %d types, %d constructors and methods, %d distinct hostile calls, seed %d%n",
                types.size(), executables, distinctCalls.size(), seed);
        if (!failures.isEmpty()) {
            Path report = Path.of("target", "fuzz-failures.txt");
            Files.write(report, failures);
            fail(failures.size() + " calls broke the rules (seed " + seed + "; all in " + report.toAbsolutePath() + "):\n"
                    + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        }
        assertTrue(unknown.isEmpty(), () -> "no candidates for these types (add them to Candidates): " + new LinkedHashSet<>(unknown));
        assertTrue(distinctCalls.size() >= 2000, "only " + distinctCalls.size() + " distinct calls");
    }

    private void fuzz(Class<?> type, Executable executable, Candidates candidates, SplittableRandom random, List<String> unknown)
            throws Exception {
        Type[] parameters = executable.getGenericParameterTypes();
        List<List<Candidate>> pools = new ArrayList<>();
        for (Type parameter : parameters) {
            List<Candidate> pool = candidates.of(parameter);
            if (pool.isEmpty()) {
                unknown.add(Candidates.key(parameter) + " (in " + executable + ")");
                return;
            }
            pools.add(pool);
        }
        boolean isStatic = executable instanceof Constructor<?> || Modifier.isStatic(executable.getModifiers());
        List<Candidate> receivers = isStatic ? List.of(new Candidate("static", () -> null)) : receivers(type, candidates);
        if (receivers.isEmpty()) {
            unknown.add(type.getName() + " (as a receiver)");
            return;
        }
        Candidate[] good = new Candidate[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            good[i] = pools.get(i).get(0);
        }
        for (Candidate receiver : receivers) {
            call(executable, receiver, good);
        }
        for (Candidate receiver : receivers) {
            for (int i = 0; i < parameters.length; i++) {
                for (Candidate hostile : pools.get(i).subList(1, pools.get(i).size())) {
                    Candidate[] args = good.clone();
                    args[i] = hostile;
                    call(executable, receiver, args);
                }
            }
        }
        for (int k = 0; k < RANDOM_CALLS && parameters.length > 1; k++) {
            Candidate[] args = new Candidate[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                args[i] = pools.get(i).get(random.nextInt(pools.get(i).size()));
            }
            call(executable, receivers.get(random.nextInt(receivers.size())), args);
        }
    }

    private static List<Candidate> receivers(Class<?> type, Candidates candidates) {
        if (type.isEnum()) {
            List<Candidate> constants = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                constants.add(new Candidate(constant.toString(), () -> constant));
            }
            return constants;
        }
        List<Candidate> receivers = new ArrayList<>();
        for (Candidate c : candidates.of(type)) {
            if (!c.name().equals("null")) {
                receivers.add(c);
            }
        }
        return receivers;
    }

    private void call(Executable executable, Candidate receiver, Candidate[] args) throws Exception {
        String description = describe(executable, receiver, args);
        if (!distinctCalls.add(description)) {
            return;
        }
        Future<String> outcome = worker.submit(() -> invoke(executable, receiver, args));
        try {
            String problem = outcome.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (problem != null) {
                failures.add(description + ": " + problem);
            }
            List<Path> leftovers = temporaryFiles(folder);
            if (!leftovers.isEmpty()) {
                failures.add(description + ": left temporary files behind: " + leftovers);
                for (Path leftover : leftovers) {
                    Files.delete(leftover);
                }
            }
        } catch (TimeoutException e) {
            failures.add(description + ": still running after " + TIMEOUT_SECONDS + " s");
            outcome.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
        } catch (ExecutionException e) {
            failures.add(description + ": could not set up the call: " + e.getCause());
        }
    }

    /** The temporary files of saves (named {@code .<name>.<16 hex digits>.tmp}) anywhere under the folder. */
    private static List<Path> temporaryFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("\\..*\\.[0-9a-f]{16}\\.tmp")).toList();
        }
    }

    /** Runs one call on the worker thread; returns what was wrong with it, or null. */
    private static String invoke(Executable executable, Candidate receiverCandidate, Candidate[] argCandidates) {
        Object receiver = receiverCandidate.make().get();
        Object[] args = new Object[argCandidates.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = argCandidates[i].make().get();
        }
        List<Object> before = State.of(receiver, args);
        if (!Modifier.isPublic(executable.getDeclaringClass().getModifiers())) {
            // a public method a public class inherits from a package-private interface (a default method)
            executable.setAccessible(true);
        }
        Object result = null;
        try {
            List<Tensor> usable = usableTensors(receiver, args);
            result = executable instanceof Constructor<?> c ? c.newInstance(args) : ((Method) executable).invoke(receiver, args);
            return recycles(executable) ? null : poisoned(usable);
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            String problem = judge(executable, thrown);
            // a TrainingException reports a run that stopped after earlier steps had trained the model, by contract
            if (problem == null && !(thrown instanceof TrainingException) && !State.same(before, State.of(receiver, args))) {
                problem = "threw " + thrown + " but changed its receiver or arguments";
            }
            return problem;
        } catch (ReflectiveOperationException e) {
            return "cannot be called: " + e;
        } finally {
            close(result);
            close(receiver);
        }
    }

    /** Only {@code Workspace.recycle} may make a tensor unusable. */
    private static boolean recycles(Executable executable) {
        return executable.getDeclaringClass() == Workspace.class && executable.getName().equals("recycle");
    }

    /** The receiver and arguments that are tensors a caller can still read. */
    private static List<Tensor> usableTensors(Object receiver, Object[] args) {
        List<Tensor> usable = new ArrayList<>();
        for (Object value : Stream.concat(Stream.of(receiver), Arrays.stream(args)).toList()) {
            if (value instanceof Tensor t && isUsable(t)) {
                usable.add(t);
            }
        }
        return usable;
    }

    private static boolean isUsable(Tensor t) {
        try {
            t.toArray();
            return true;
        } catch (IllegalStateException recycled) {
            return false;
        }
    }

    /** What is wrong when a call that returned left one of the caller's tensors unusable, or null. */
    private static String poisoned(List<Tensor> usable) {
        for (Tensor t : usable) {
            if (!isUsable(t)) {
                return "returned, but left the caller's tensor " + t + " unusable (only Workspace.recycle may)";
            }
        }
        return null;
    }

    /** Null when the exception is one the rules allow, else what is wrong with it. */
    private static String judge(Executable executable, Throwable thrown) {
        String message = thrown.getMessage();
        boolean allowedType = thrown instanceof IllegalArgumentException
                || thrown instanceof IllegalStateException
                || thrown instanceof NullPointerException
                || thrown instanceof org.backprop4j.scalar.AnomalyException
                || thrown instanceof org.backprop4j.tensor.AnomalyException
                || thrown instanceof TrainingException
                || thrown instanceof IOException && declares(executable, thrown);
        if (!allowedType) {
            return "threw " + stackHead(thrown);
        }
        if (message == null || message.isBlank()) {
            return "threw " + thrown.getClass().getName() + " without a message: " + stackHead(thrown);
        }
        if (thrown instanceof NullPointerException && isJvmText(message)) {
            return "NPE from inside the library (the JVM's text, not a parameter name): " + stackHead(thrown);
        }
        return null;
    }

    private static boolean declares(Executable executable, Throwable thrown) {
        return Arrays.stream(executable.getExceptionTypes()).anyMatch(t -> t.isInstance(thrown));
    }

    private static boolean isJvmText(String message) {
        return message.startsWith("Cannot invoke") || message.startsWith("Cannot read") || message.startsWith("Cannot load")
                || message.startsWith("Cannot store") || message.startsWith("Cannot enter") || message.startsWith("Cannot throw")
                || message.contains("\" is null");
    }

    private static String stackHead(Throwable thrown) {
        StackTraceElement[] stack = thrown.getStackTrace();
        return thrown + (stack.length > 0 ? " at " + stack[0] : "");
    }

    private static void close(Object value) {
        if (value instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // a scope that refuses a second close has already been judged by its own call
            }
        }
    }

    private static String describe(Executable executable, Candidate receiver, Candidate[] args) {
        StringBuilder s = new StringBuilder();
        s.append(executable.getDeclaringClass().getSimpleName()).append('.');
        s.append(executable instanceof Constructor<?> ? "<init>" : executable.getName());
        s.append(Arrays.toString(executable.getParameterTypes()).replace("class ", "").replace("java.lang.", ""));
        if (!receiver.name().equals("static")) {
            s.append(" on ").append(receiver.name());
        }
        s.append(" with ").append(Arrays.toString(args));
        return s.toString();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * What a refused call must leave alone: a model's parameters and gradients, a tensor's or value's
     * numbers, an optimizer's step count, the model a trainer trains, a file's bytes, arrays.
     */
    private static final class State {

        private State() {
        }

        static List<Object> of(Object receiver, Object[] args) {
            List<Object> state = new ArrayList<>();
            state.add(snapshot(receiver));
            for (Object arg : args) {
                state.add(snapshot(arg));
            }
            return state;
        }

        static boolean same(List<Object> a, List<Object> b) {
            return Arrays.deepEquals(a.toArray(), b.toArray());
        }

        private static Object snapshot(Object value) {
            try {
                if (value instanceof Model<?> model) {
                    return new Object[] {model.parameterValues(), model.gradients()};
                }
                if (value instanceof Tensor t) {
                    return new Object[] {t.toArray(), t.requiresGrad() ? copy(t.grad().data) : null};
                }
                if (value instanceof Value v) {
                    return new double[] {v.data(), v.grad()};
                }
                if (value instanceof Trainer trainer) {
                    Model<?> model = Candidates.modelOf(trainer);
                    return model == null ? null : model.parameterValues();
                }
                if (value instanceof Optimizer optimizer) {
                    return "steps " + optimizer.steps();
                }
                if (value instanceof Path file) {
                    return Files.isRegularFile(file) ? Files.readAllBytes(file) : Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "exists" : "absent";
                }
                if (value instanceof DataSet d) {
                    return new Object[] {d.inputs(), d.targets()};
                }
                if (value instanceof double[] array) {
                    return array.clone();
                }
                if (value instanceof double[][] rows) {
                    return Arrays.stream(rows).map(r -> r == null ? null : r.clone()).toArray();
                }
                if (value instanceof int[] array) {
                    return array.clone();
                }
            } catch (RuntimeException | IOException e) {
                return "unreadable: " + e.getClass().getSimpleName();
            }
            return null;
        }

        private static double[] copy(double[] data) {
            return data.clone();
        }
    }

    @Test
    void theJudgeRefusesWhatTheRulesForbid() throws NoSuchMethodException {
        Executable any = Object.class.getMethod("toString");
        assertTrue(judge(any, new ArrayIndexOutOfBoundsException("3")) != null);
        assertTrue(judge(any, new NegativeArraySizeException("-1")) != null);
        assertTrue(judge(any, new ArithmeticException("/ by zero")) != null);
        assertTrue(judge(any, new IllegalArgumentException()) != null, "no message");
        assertTrue(judge(any, new NullPointerException("Cannot invoke \"Object.toString()\" because \"x\" is null")) != null);
        assertTrue(judge(any, new java.io.UncheckedIOException(new IOException("x"))) != null);
        assertTrue(judge(any, new IOException("not declared")) != null);
        if (judge(any, new IllegalArgumentException("width 3, expected 2")) != null
                || judge(any, new NullPointerException("inputs")) != null) {
            fail("clear refusals must pass");
        }
    }
}
