package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The file operations of a durable save, one method per step, so that a test can record their order
 * and make any one of them fail. {@link DurableFile} calls them in the order declared here.
 */
interface FileSystemSteps {

    /**
     * Creates a new, empty file, failing if the name is taken, and opens it for writing.
     *
     * @param temporary the file to create
     * @return a channel that writes it
     * @throws java.nio.file.FileAlreadyExistsException if the name is taken
     * @throws IOException if it cannot be created
     */
    FileChannel createNew(Path temporary) throws IOException;

    /**
     * Writes every remaining byte of {@code bytes}.
     *
     * @param file the open temporary file
     * @param bytes what to write
     * @throws IOException if the write fails
     */
    void write(FileChannel file, ByteBuffer bytes) throws IOException;

    /**
     * Forces the file's contents and metadata to the storage device ({@code fsync}).
     *
     * @param file the open temporary file
     * @throws IOException if the device reports a failure
     */
    void force(FileChannel file) throws IOException;

    /**
     * Renames {@code temporary} to {@code target} in one atomic step, replacing any file there.
     *
     * @param temporary the written, closed temporary file
     * @param target the final name, in the same folder
     * @throws java.nio.file.AtomicMoveNotSupportedException if the file system cannot rename atomically
     * @throws IOException if the rename fails
     */
    void moveAtomically(Path temporary, Path target) throws IOException;

    /**
     * Forces the folder's entries (the rename) to the storage device, where the platform can open a
     * folder as a file; elsewhere (Windows) does nothing.
     *
     * @param folder the folder that holds the target
     * @throws IOException if the folder was opened and forcing it failed
     */
    void forceFolder(Path folder) throws IOException;

    /**
     * Deletes a temporary file if it exists.
     *
     * @param temporary the file
     * @throws IOException if it exists and cannot be deleted
     */
    void delete(Path temporary) throws IOException;
}
