package org.backprop4j.nn.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
}
