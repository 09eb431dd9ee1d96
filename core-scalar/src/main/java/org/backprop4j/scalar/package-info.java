/**
 * The scalar autograd engine: {@link org.backprop4j.scalar.Value}, one number and the operation that
 * made it, faithful to the micrograd notebook.
 */
package org.backprop4j.scalar;
