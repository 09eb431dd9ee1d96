package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a failed save says why: each kind of file-system error in a few words, the step named before it. */
class DurableFileReasonTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new AccessDeniedException("/x"), "permission denied"),
                Arguments.of(new NoSuchFileException("/x"), "no such file or folder"),
                Arguments.of(new FileSystemException("/x", null, "Read-only file system"), "Read-only file system"),
                Arguments.of(new FileSystemException("/x"), "FileSystemException: /x"),
                Arguments.of(new IOException("Input/output error"), "Input/output error"),
                Arguments.of(new IOException(), "IOException"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFailedWriteNamesTheStepAndTheReason(IOException failure, String reason, @TempDir Path folder) {
        Path target = folder.resolve("model.bp4j");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> DurableFile.replace(target, new byte[] {1, 2, 3}, new RecordingSteps("write", failure)));
        assertEquals("cannot save " + target + ": writing its temporary file failed (" + reason + ")", e.getMessage());
        assertEquals(failure, e.getCause());
    }
}
