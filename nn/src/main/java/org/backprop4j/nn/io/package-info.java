/**
 * Saving and restoring models: {@link org.backprop4j.nn.io.Checkpoint} writes a model's architecture
 * and parameters in a small versioned, checksummed format that either engine can load.
 */
package org.backprop4j.nn.io;
