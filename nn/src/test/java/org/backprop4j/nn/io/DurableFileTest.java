package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Durable replacement: the order of the file operations, and cleanup when any one of them fails. */
class DurableFileTest {

    private static final byte[] OLD = "old contents".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "new contents, longer than the old".getBytes(StandardCharsets.UTF_8);

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void writesForcesRenamesThenForcesTheFolderInThatOrder(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("model.bp4j");
        Files.write(target, OLD);
        RecordingSteps steps = new RecordingSteps();
        DurableFile.replace(target, NEW, steps);
        assertEquals(RecordingSteps.SAVE, steps.calls(),
                "bytes forced before the rename makes them visible; the folder forced after it, so the rename is on disk");
        assertArrayEquals(NEW, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(folder), "no temporary file is left");
        Path temporary = steps.temporaries().get(0);
        assertEquals(folder, temporary.getParent(), "the temporary file is in the target's folder, so the rename stays on one file system");
        assertTrue(temporary.getFileName().toString().matches("\\.model\\.bp4j\\.[0-9a-f]{16}\\.tmp"), temporary.toString());
    }

    /** A rename leaves the new file with the process's default mode: a 0600 checkpoint became 0644 on its next save. */
    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------", "rw-rw-r--"})
    void theNewFileKeepsThePermissionsOfTheOneItReplaces(String mode, @TempDir Path folder) throws IOException {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path target = folder.resolve("model.bp4j");
        Files.write(target, OLD);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
        DurableFile.replace(target, NEW, new RecordingSteps());
        assertArrayEquals(NEW, Files.readAllBytes(target));
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(List.of(target), listing(folder), "no temporary file is left");
    }

    /**
     * A rename leaves the new file with the process's group: a checkpoint shared with its group
     * (mode 0660, group ml) became 0660 of the saver's own group, locking the group out.
     */
    @Test
    void theNewFileKeepsTheGroupOfTheOneItReplaces(@TempDir Path folder) throws IOException {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path target = folder.resolve("model.bp4j");
        Files.write(target, OLD);
        GroupPrincipal own = Files.readAttributes(target, PosixFileAttributes.class).group();
        GroupPrincipal other = otherGroup(target, own);
        assumeTrue(other != null, "a group other than the process's that this process may give a file");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
        DurableFile.replace(target, NEW, new RecordingSteps());
        assertArrayEquals(NEW, Files.readAllBytes(target));
        PosixFileAttributes kept = Files.readAttributes(target, PosixFileAttributes.class);
        assertEquals(other, kept.group(), "the group of the file it replaced");
        assertEquals("rw-rw----", PosixFilePermissions.toString(kept.permissions()));
        assertEquals(List.of(target), listing(folder), "no temporary file is left");
    }

    /** Gives the file a group other than {@code own} if this process may (root may give any), returning it, else null. */
    private static GroupPrincipal otherGroup(Path file, GroupPrincipal own) {
        for (String name : List.of("nogroup", "nobody", "users", "daemon", "staff")) {
            try {
                GroupPrincipal group = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
                if (!group.equals(own)) {
                    Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(group);
                    return group;
                }
            } catch (IOException notAvailable) {
                // no such group here, or not one this process may give a file: try the next
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"createNew", "write", "force", "moveAtomically"})
    void aFailureBeforeTheRenameLeavesTheOldFileAndNoTemporaryFile(String failAt, @TempDir Path folder) throws IOException {
        Path target = folder.resolve("model.bp4j");
        Files.write(target, OLD);
        RecordingSteps steps = new RecordingSteps(failAt, null);
        CheckpointException e = assertThrows(CheckpointException.class, () -> DurableFile.replace(target, NEW, steps));
        assertTrue(e.getMessage().startsWith("cannot save " + target + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), () -> "names the target, not the temporary file: " + e.getMessage());
        assertArrayEquals(OLD, Files.readAllBytes(target), "the previous file is intact");
        assertEquals(List.of(target), listing(folder), "the temporary file is removed on every failure path");
        List<String> expected = new ArrayList<>(RecordingSteps.SAVE.subList(0, RecordingSteps.SAVE.indexOf(failAt) + 1));
        if (!failAt.equals("createNew")) {
            expected.add("delete");
        }
        assertEquals(expected, steps.calls());
    }

    @Test
    void aFailedCreateSaysPermissionDeniedAndNamesTheFolder(@TempDir Path folder) {
        Path target = folder.resolve("model.bp4j");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> DurableFile.replace(target, NEW, new RecordingSteps("createNew", null)));
        assertEquals("cannot save " + target + ": creating a temporary file in " + folder + " failed (permission denied)", e.getMessage());
    }

    @Test
    void aFileSystemThatCannotRenameAtomicallyIsRefusedByName(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("model.bp4j");
        Files.write(target, OLD);
        RecordingSteps steps = new RecordingSteps("moveAtomically", new AtomicMoveNotSupportedException("a", "b", "not supported"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> DurableFile.replace(target, NEW, steps));
        assertTrue(e.getMessage().startsWith("cannot save " + target + ": its file system cannot rename a file atomically"), e.getMessage());
        assertTrue(e.getCause() instanceof AtomicMoveNotSupportedException);
        assertArrayEquals(OLD, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(folder));
    }

    @Test
    void aFailureToForceTheFolderSaysTheFileIsInPlaceButMayNotBeDurable(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("model.bp4j");
        Files.write(target, OLD);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> DurableFile.replace(target, NEW, new RecordingSteps("forceFolder", null)));
        assertTrue(e.getMessage().startsWith("saved " + target + ", but forcing its folder to disk failed"), e.getMessage());
        assertArrayEquals(NEW, Files.readAllBytes(target), "the rename had happened: the file holds the new contents, whole");
        assertEquals(List.of(target), listing(folder));
    }

    @Test
    void aRuntimeFailureAlsoRemovesTheTemporaryFile(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("model.bp4j");
        IllegalStateException boom = new IllegalStateException("boom");
        RecordingSteps steps = new RecordingSteps() {
            @Override
            public void force(java.nio.channels.FileChannel file) {
                throw boom;
            }
        };
        assertSame(boom, assertThrows(IllegalStateException.class, () -> DurableFile.replace(target, NEW, steps)));
        assertEquals(List.of(), listing(folder));
    }

    @Test
    void aFailedCleanupIsReportedBesideTheFailureThatCausedIt(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("model.bp4j");
        IOException cannotDelete = new IOException("cannot delete");
        RecordingSteps steps = new RecordingSteps("write", null) {
            @Override
            public void delete(Path temporary) throws IOException {
                super.delete(temporary);
                throw cannotDelete;
            }
        };
        CheckpointException e = assertThrows(CheckpointException.class, () -> DurableFile.replace(target, NEW, steps));
        assertSame(cannotDelete, e.getSuppressed()[0]);
    }

    @Test
    void aTakenTemporaryNameIsNeverReusedAndANewOneIsDrawn(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("model.bp4j");
        int[] refusals = {0};
        RecordingSteps steps = new RecordingSteps() {
            @Override
            public java.nio.channels.FileChannel createNew(Path temporary) throws IOException {
                if (refusals[0]++ < 3) {
                    throw new FileAlreadyExistsException(temporary.toString());
                }
                return super.createNew(temporary);
            }
        };
        DurableFile.replace(target, NEW, steps);
        assertArrayEquals(NEW, Files.readAllBytes(target));
        RecordingSteps never = new RecordingSteps("createNew", new FileAlreadyExistsException("taken"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> DurableFile.replace(target, OLD, never));
        assertEquals(16, never.calls().size(), "a bounded number of fresh names is tried");
        assertTrue(e.getMessage().startsWith("cannot save " + target), e.getMessage());
    }

    @Test
    void temporaryNamesAreDistinctAndBoundedForLongNames() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            names.add(DurableFile.temporaryName(Path.of("model.bp4j")));
        }
        assertEquals(10_000, names.size());
        String longName = "m".repeat(250);
        assertTrue(DurableFile.temporaryName(Path.of(longName)).length() <= 1 + 64 + 1 + 16 + 4);
        String emoji = "\uD83D\uDE00".repeat(100);
        String cut = DurableFile.temporaryName(Path.of(emoji));
        assertTrue(cut.startsWith("." + "\uD83D\uDE00".repeat(16) + "."), "cut to 64 bytes between characters, never inside one: " + cut);
        String mixed = "a" + "\u00e9".repeat(40);
        assertTrue(DurableFile.temporaryName(Path.of(mixed)).startsWith(".a" + "\u00e9".repeat(31) + "."),
                "a two-byte character that would pass 64 bytes is left out whole");
    }

    /**
     * A name of 4-byte characters that the file system accepts (62 emoji and ".bp4j": 253 bytes of
     * its 255) was refused with "File name too long": the temporary name kept its first 64
     * characters, 256 bytes, before the random part.
     */
    @Test
    void aLongNameInFourByteCharactersThatTheFileSystemTakesCanBeSaved(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("\uD83D\uDE00".repeat(62) + ".bp4j");
        assertEquals(253, target.getFileName().toString().getBytes(StandardCharsets.UTF_8).length);
        Files.write(target, OLD);
        DurableFile.replace(target, NEW, LocalFileSystemSteps.INSTANCE);
        assertArrayEquals(NEW, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(folder), "no temporary file is left");
    }

    /**
     * A target name longer than the file system takes (256 bytes) was reported as "giving its
     * temporary file the permissions of the file it replaces failed": the step that failed was the
     * look-up of the target itself.
     */
    @Test
    void aTargetNameTooLongForTheFileSystemNamesTheStepThatFailed(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("m".repeat(251) + ".bp4j");
        assumeTrue(cannotCreate(target), "a file system that refuses 256-byte names");
        CheckpointException e = assertThrows(CheckpointException.class, () -> DurableFile.replace(target, NEW, LocalFileSystemSteps.INSTANCE));
        assertTrue(e.getMessage().contains(": reading the permissions of the file it replaces failed ("), e.getMessage());
        assertFalse(e.getMessage().contains("giving its temporary file"), e.getMessage());
        assertEquals(List.of(), listing(folder), "no temporary file is left");
    }

    private static boolean cannotCreate(Path file) {
        try {
            Files.write(file, OLD);
            Files.delete(file);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** An interrupted thread's save failed with "(ClosedByInterruptException)" and nothing more. */
    @Test
    void aSaveInAnInterruptedThreadSaysSoAndLeavesTheOldFile(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("model.bp4j");
        Files.write(target, OLD);
        Thread.currentThread().interrupt();
        CheckpointException e;
        try {
            e = assertThrows(CheckpointException.class, () -> DurableFile.replace(target, NEW, LocalFileSystemSteps.INSTANCE));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is left for the caller to see");
        }
        assertTrue(e.getMessage().contains("the saving thread was interrupted"), e.getMessage());
        assertArrayEquals(OLD, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(folder), "no temporary file is left");
    }
}
