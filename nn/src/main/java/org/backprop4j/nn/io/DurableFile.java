package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a crash or power cut at any moment leaves either the old file or the new
 * one, whole, and so that the new one survives once {@link #replace} returns: write a temporary file
 * in the target's folder, force its bytes to disk, rename it over the target atomically, then force
 * the folder so that the rename itself is on disk (the sequence SQLite, LevelDB and PostgreSQL use).
 * The new file keeps the POSIX permissions and group of the one it replaces.
 *
 * <p>Temporary files are named {@code .<target name>.<16 hex digits>.tmp} and created with
 * {@code CREATE_NEW}, so two saves never share one. Every failure removes the temporary file; only a
 * process killed mid-save leaves one behind, which nothing reads and which is safe to delete when no
 * save is running.
 */
final class DurableFile {

    private static final int NAME_PREFIX_BYTES = 64;
    private static final int NAME_ATTEMPTS = 16;

    private DurableFile() {
    }

    /**
     * Writes {@code bytes} to {@code target} durably and atomically.
     *
     * @param target an absolute path whose folder exists
     * @param bytes the whole new contents
     * @param steps the file operations
     * @throws CheckpointException naming the target, the step that failed and why
     * @throws IOException if a step fails in a way not described above
     */
    static void replace(Path target, byte[] bytes, FileSystemSteps steps) throws IOException {
        Path folder = target.getParent();
        Path temporary = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            temporary = folder.resolve(temporaryName(target));
            try {
                channel = steps.createNew(temporary);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == NAME_ATTEMPTS - 1) {
                    throw failure(target, "creating a temporary file in " + folder, taken);
                }
            } catch (IOException e) {
                throw failure(target, "creating a temporary file in " + folder, e);
            }
        }
        String step = "reading the permissions of the file it replaces";
        try {
            try (FileChannel file = channel) {
                PosixFileAttributes replaced = attributesOf(target);
                if (replaced != null) {
                    PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
                    if (!view.readAttributes().group().equals(replaced.group())) {
                        step = "giving its temporary file the group of the file it replaces (" + replaced.group().getName() + ")";
                        view.setGroup(replaced.group());
                    }
                    step = "giving its temporary file the permissions of the file it replaces";
                    view.setPermissions(replaced.permissions());
                }
                step = "writing its temporary file";
                steps.write(file, ByteBuffer.wrap(bytes));
                step = "forcing its temporary file to disk";
                steps.force(file);
                step = "closing its temporary file";
            }
            step = "renaming its temporary file into place";
            steps.moveAtomically(temporary, target);
        } catch (AtomicMoveNotSupportedException e) {
            throw removing(temporary, steps, new CheckpointException("cannot save " + target
                    + ": its file system cannot rename a file atomically, so a crash could leave it half-written;"
                    + " save to a folder on a local file system", e));
        } catch (IOException e) {
            throw removing(temporary, steps, failure(target, step, e));
        } catch (RuntimeException e) {
            throw removing(temporary, steps, e);
        } catch (Error e) {
            throw removing(temporary, steps, e);
        }
        try {
            steps.forceFolder(folder);
        } catch (IOException e) {
            throw new CheckpointException("saved " + target + ", but forcing its folder to disk failed ("
                    + reason(e) + "): the new file may not survive a power cut", e);
        }
    }

    /**
     * @param target the file being replaced
     * @return a fresh temporary name for it: {@code .<name>.<16 hex digits>.tmp}, the name cut to its
     *     longest start of at most 64 bytes in UTF-8 (between characters, never inside one), so that the
     *     temporary name stays within the 255-byte limit of Linux and macOS file systems (and NTFS's 255
     *     UTF-16 units) whatever characters the target's name is written in
     */
    static String temporaryName(Path target) {
        String name = target.getFileName().toString();
        int end = 0;
        int bytes = 0;
        while (end < name.length()) {
            int codePoint = name.codePointAt(end);
            bytes += utf8Length(codePoint);
            if (bytes > NAME_PREFIX_BYTES) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return "." + name.substring(0, end) + "." + String.format("%016x", ThreadLocalRandom.current().nextLong()) + ".tmp";
    }

    /** @return how many bytes UTF-8 takes for a code point: 1 below U+0080, 2 below U+0800, 3 below U+10000, else 4 */
    static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    /**
     * The POSIX permissions and group of the file a save will replace, which the temporary file is
     * given so that a save neither widens nor narrows who may read or write the checkpoint (a rename
     * otherwise leaves the new file with the process's default mode and group: a checkpoint shared
     * with its group, mode 0660, would lock that group out). The temporary file is already open for
     * writing, which a read-only mode does not undo.
     *
     * @return the attributes, or null when there is no file yet or the file system has no POSIX permissions
     */
    private static PosixFileAttributes attributesOf(Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return null;
        }
        try {
            return view.readAttributes();
        } catch (NoSuchFileException firstSave) {
            return null;
        }
    }

    private static String linkTarget(Path link) {
        try {
            return link.resolveSibling(Files.readSymbolicLink(link)).toString();
        } catch (IOException e) {
            return "(unreadable: " + reason(e) + ")";
        }
    }

    private static <T extends Throwable> T removing(Path temporary, FileSystemSteps steps, T failure) {
        try {
            steps.delete(temporary);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private static CheckpointException failure(Path target, String step, IOException cause) {
        return new CheckpointException("cannot save " + target + ": " + step + " failed (" + reason(cause) + ")", cause);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof ClosedByInterruptException) {
            return "the saving thread was interrupted, which closes the file it writes";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : e.getClass().getSimpleName() + ": " + f.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * Checks that a path names a file this class can write: it has a file name; it is not a folder,
     * a symbolic link, a device, a pipe or a socket (the rename would replace any of them by a plain
     * file); and its folder exists.
     *
     * @param path the path as the caller gave it
     * @return its absolute form
     * @throws IllegalArgumentException if it names no file, or names something other than a plain file
     * @throws CheckpointException if its folder does not exist
     */
    static Path target(Path path) throws CheckpointException {
        Path target = path.toAbsolutePath();
        if (target.getFileName() == null) {
            throw new IllegalArgumentException(shown(path) + " names no file: give the file to save to");
        }
        if (Files.isSymbolicLink(target)) {
            throw new IllegalArgumentException(shown(path) + " is a symbolic link, which a save would replace by a file:"
                    + " save to the file it names, " + linkTarget(target));
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(shown(path) + " is a folder: give a file inside it to save to");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(shown(path) + " is a device, pipe or socket, which a save would replace by a file");
        }
        Path folder = target.getParent();
        if (!Files.isDirectory(folder)) {
            throw new CheckpointException("cannot save " + target + ": its folder " + folder
                    + (Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        return target;
    }

    /**
     * A path as a message shows it: {@code path <path>}, or for the empty path, which names the
     * working folder, that folder.
     *
     * @param path the path as the caller gave it
     * @return its description
     */
    static String shown(Path path) {
        return path.toString().isEmpty() ? "the empty path (the working folder " + path.toAbsolutePath() + ")" : "path " + path;
    }
}
