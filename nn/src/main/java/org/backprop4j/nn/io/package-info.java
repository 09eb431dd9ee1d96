/**
 * Saving and restoring models: {@link org.backprop4j.nn.io.Checkpoint} writes a model's architecture
 * and parameters in a small versioned, checksummed format that either engine can load, durably
 * (fsync, atomic rename, fsync of the folder), and checks a file's header and sizes before it reads
 * the rest. {@link org.backprop4j.nn.io.Onnx} writes a model as a standard ONNX graph for ONNX
 * Runtime and reads one back, or one exported from PyTorch, into either engine.
 *
 * <p>{@code org.backprop4j.nn.io.onnxschema} holds the classes protoc generates from nn's ONNX
 * schema at build time; they are public because protobuf makes them so, and are no API.
 */
package org.backprop4j.nn.io;
