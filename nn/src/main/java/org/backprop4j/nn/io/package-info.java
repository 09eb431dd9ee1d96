/**
 * Saving and restoring models: {@link org.backprop4j.nn.io.Checkpoint} writes a model's architecture
 * and parameters in a small versioned, checksummed format that either engine can load, durably
 * (fsync, atomic rename, fsync of the folder), and checks a file's header and sizes before it reads
 * the rest.
 */
package org.backprop4j.nn.io;
