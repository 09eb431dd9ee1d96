package org.backprop4j.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.tensor.MLP;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real file operations of a save, where the platform's behaviour matters. */
class LocalFileSystemStepsTest {

    @Test
    void forcingAnExistingFolderWorks(@TempDir Path folder) throws IOException {
        LocalFileSystemSteps.INSTANCE.forceFolder(folder);
    }

    /**
     * Any failure to open the folder was taken for Windows and skipped, so a save into a folder the
     * process may write but not read (mode -wx) returned normally with its rename never forced.
     * (Root reads every folder, so the test uses a folder that is gone, which fails the same open.)
     */
    @Test
    void onAPosixFileSystemAFolderThatCannotBeOpenedIsReportedNotSkipped(@TempDir Path folder) {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path gone = folder.resolve("gone");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> LocalFileSystemSteps.INSTANCE.forceFolder(gone),
                "the folder was not forced, so the save must not report success");
        assertTrue(e.getMessage().contains("gone"), e.getMessage());
    }

    /**
     * A save over an existing checkpoint on a file system other than the platform's (here the JDK's
     * zip file system; in-memory ones used in tests behave alike) failed with "renaming its temporary
     * file into place failed (/model.bp4j)": ATOMIC_MOVE alone leaves replacing to the provider, and
     * these refuse without REPLACE_EXISTING.
     */
    @Test
    void aSecondSaveReplacesTheFirstOnAZipFileSystem(@TempDir Path folder) throws IOException {
        MLP first = new MLP(Architecture.of(3, List.of(4, 1)).withSeed(1));
        MLP second = new MLP(Architecture.of(3, List.of(4, 1)).withSeed(1));
        second.setParameterValues(Arrays.stream(first.parameterValues()).map(p -> p + 1).toArray());
        try (FileSystem zip = FileSystems.newFileSystem(folder.resolve("models.zip"), Map.of("create", "true"))) {
            Path file = zip.getPath("/model.bp4j");
            Checkpoint.save(first, file);
            Checkpoint.save(second, file);
            assertEquals(Checkpoint.of(second), Checkpoint.read(file), "the second save replaced the first");
            try (Stream<Path> files = Files.list(zip.getPath("/"))) {
                assertEquals(List.of(file), files.toList(), "no temporary file is left");
            }
        }
    }
}
