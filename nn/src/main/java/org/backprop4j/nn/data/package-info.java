/**
 * Data to learn from: {@link org.backprop4j.nn.data.DataSet} (input rows and target rows, checked
 * when made) and {@link org.backprop4j.nn.data.DataSets} (the seed's four samples, XOR, two moons,
 * seeded Gaussian data, the UCI 8×8 digits).
 */
package org.backprop4j.nn.data;
