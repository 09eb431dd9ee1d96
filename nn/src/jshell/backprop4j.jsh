// backprop4j in JShell, opened by the command in core-scalar/README.md.
// The scalar engine and its network are imported by their simple names; the tensor engine's
// Tensor and MatrixProducts too. The tensor engine's MLP is org.backprop4j.nn.tensor.MLP.
import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.nn.*;
import org.backprop4j.nn.data.*;
import org.backprop4j.nn.io.*;
import org.backprop4j.nn.optim.*;
import org.backprop4j.nn.train.*;
import org.backprop4j.nn.scalar.*;
System.out.println("backprop4j: Value, Tensor, MLP and the rest are imported (/imports lists them). /exit leaves.");
