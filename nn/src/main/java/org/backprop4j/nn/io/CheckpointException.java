package org.backprop4j.nn.io;

import java.io.IOException;

/** A checkpoint file that cannot be loaded: truncated, corrupted, of another version, or of another architecture. */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with which file
     */
    public CheckpointException(String message) {
        super(message);
    }
}
