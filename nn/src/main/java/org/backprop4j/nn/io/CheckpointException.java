package org.backprop4j.nn.io;

import java.io.IOException;

/**
 * A checkpoint that cannot be saved (naming the target file, the step that failed and why) or
 * loaded (truncated, corrupted, of another version, or of another architecture).
 */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * A checkpoint failure, described by its message.
     *
     * @param message what is wrong with which file
     */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * A checkpoint failure that the file system's exception caused.
     *
     * @param message what is wrong with which file
     * @param cause the file system's own exception
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
