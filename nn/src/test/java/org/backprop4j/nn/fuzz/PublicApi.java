package org.backprop4j.nn.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The public API of the three library modules, found by reflection so that a method added
 * tomorrow is fuzzed tomorrow: every public constructor and public method (declared or inherited
 * from a library type) of every public type whose enclosing types are public too.
 */
final class PublicApi {

    /**
     * The classes protoc generates from nn's ONNX schema: public because protobuf makes them so, but
     * no API of this library (its Javadoc leaves them out); protobuf tests its own generated code.
     */
    private static final String GENERATED = "org.backprop4j.nn.io.onnxschema.";

    private PublicApi() {
    }

    /** @return every public type of the modules that hold the given classes, sorted by name */
    static List<Class<?>> types(Class<?>... anchors) {
        List<Class<?>> types = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            for (String name : classNames(anchor)) {
                Class<?> type = load(name, anchor.getClassLoader());
                if (isPublicApi(type)) {
                    types.add(type);
                }
            }
        }
        types.sort(Comparator.comparing(Class::getName));
        return types;
    }

    /** @return the type's public constructors and the public methods a library type declares, in a stable order */
    static List<Executable> executables(Class<?> type) {
        List<Executable> result = new ArrayList<>();
        if (!Modifier.isAbstract(type.getModifiers()) && !type.isEnum()) {
            for (Constructor<?> c : type.getConstructors()) {
                result.add(c);
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isSynthetic() || m.isBridge() || !isLibrary(m.getDeclaringClass())) {
                continue;
            }
            // statics where they are declared; instance methods on the concrete types that implement them
            if (Modifier.isStatic(m.getModifiers()) ? m.getDeclaringClass() == type : !type.isInterface()) {
                result.add(m);
            }
        }
        result.sort(Comparator.comparing(Executable::toGenericString));
        return result;
    }

    static boolean isLibrary(Class<?> type) {
        return type.getName().startsWith("org.backprop4j.");
    }

    private static boolean isPublicApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.getSimpleName().equals("package-info")) {
            return false;
        }
        if (type.getName().startsWith(GENERATED)) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("listed but not loadable: " + name, e);
        }
    }

    /** The binary names of every class in the directory or jar the anchor was loaded from. */
    private static List<String> classNames(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.toString().endsWith(".class"))
                            .forEach(p -> names.add(binaryName(root.relativize(p).toString().replace('\\', '/'))));
                }
            } else {
                try (ZipFile jar = new ZipFile(root.toFile())) {
                    jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF"))
                            .forEach(n -> names.add(binaryName(n)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static String binaryName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
