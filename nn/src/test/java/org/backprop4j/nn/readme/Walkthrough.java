package org.backprop4j.nn.readme;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.io.Checkpoint;
import org.backprop4j.nn.io.CheckpointException;
import org.backprop4j.nn.io.Onnx;
import org.backprop4j.nn.optim.LearningRate;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.scalar.Layer;
import org.backprop4j.nn.scalar.MLP;
import org.backprop4j.nn.scalar.Neuron;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.Metrics;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.scalar.Value;
import org.backprop4j.scalar.readme.Drawings;
import org.backprop4j.tensor.Tensor;

/**
 * The code of nn's README, the third part of the walkthrough. Each {@code readme:} region is shown
 * in the README to the letter; the lines outside the regions hand the graphs to the drawing check.
 */
final class Walkthrough {

    private Walkthrough() {
    }

    static void neuron(Drawings drawings) {
        // readme:neuron
        Neuron neuron = new Neuron(2);                      // tanh(w1·x1 + w2·x2 + b), weights and bias from a seed
        List<Value> p = neuron.parameters();                // [w1, w2, b]
        p.get(0).label("w1");
        p.get(1).label("w2");
        p.get(2).label("b");

        Value out = neuron.forward(2.0, 0.0).label("out");
        System.out.printf("w1 %.4f  w2 %.4f  b %.4f  out %.4f%n", p.get(0).data(), p.get(1).data(), p.get(2).data(), out.data());
        // readme:end
        out.backward();
        drawings.add("neuron", out.toDot());
    }

    static void layersAndMlp() {
        // readme:mlp
        Layer layer = new Layer(3, 4);                      // 4 neurons, each looking at the same 3 inputs
        List<Value> outs = layer.forward(2.0, 3.0, -1.0);
        System.out.println(outs.size() + " outputs, " + layer.parameters().size() + " parameters");

        MLP n = new MLP(3, List.of(4, 4, 1));               // layers 3 → 4 → 4 → 1, each feeding the next
        System.out.println(n.layers().size() + " layers, " + n.parameterCount() + " parameters");
        System.out.printf("%.4f%n", n.forward(2.0, 3.0, -1.0).get(0).data());
        // readme:end
    }

    static void seedLoop() {
        // readme:seed-data
        MLP n = new MLP(3, List.of(4, 4, 1));
        double[][] xs = {{2.0, 3.0, -1.0}, {3.0, -1.0, 0.5}, {0.5, 1.0, 1.0}, {1.0, 1.0, -1.0}};
        double[] ys = {1.0, -1.0, -1.0, 1.0};               // desired targets
        // readme:end

        // readme:seed-forward
        List<Value> ypred = new ArrayList<>();
        for (double[] x : xs) {
            ypred.add(n.forward(x).get(0));                 // the network's guess for each sample
        }
        Value loss = Value.of(0);
        for (int i = 0; i < ys.length; i++) {
            loss = loss.add(ypred.get(i).sub(ys[i]).pow(2));   // sum of squared errors
        }
        System.out.printf("predictions %.4f %.4f %.4f %.4f%n",
                ypred.get(0).data(), ypred.get(1).data(), ypred.get(2).data(), ypred.get(3).data());
        System.out.printf("loss %.4f, a graph of %d values%n", loss.data(), loss.graph().size());
        // readme:end

        // readme:seed-backward
        for (Value p : n.parameters()) {
            p.setGrad(0.0);                                 // gradients add up: clear them first
        }
        loss.backward();
        Value w = n.parameters().get(0);                    // the first neuron's first weight
        System.out.printf("w %.4f, dloss/dw %.4f%n", w.data(), w.grad());
        // readme:end

        // readme:seed-update
        for (Value p : n.parameters()) {
            p.setData(p.data() - 0.05 * p.grad());          // a small step against the gradient
        }
        System.out.printf("w %.4f%n", w.data());
        // readme:end

        // readme:seed-loop
        for (int k = 1; k <= 20; k++) {
            ypred.clear();
            for (double[] x : xs) {
                ypred.add(n.forward(x).get(0));
            }
            loss = Value.of(0);
            for (int i = 0; i < ys.length; i++) {
                loss = loss.add(ypred.get(i).sub(ys[i]).pow(2));
            }
            for (Value p : n.parameters()) {
                p.setGrad(0.0);
            }
            loss.backward();
            for (Value p : n.parameters()) {
                p.setData(p.data() - 0.05 * p.grad());
            }
            if (k % 5 == 0) {
                System.out.printf("step %2d  loss %.4f%n", k, loss.data());
            }
        }
        System.out.printf("predictions %.4f %.4f %.4f %.4f%n",
                ypred.get(0).data(), ypred.get(1).data(), ypred.get(2).data(), ypred.get(3).data());
        // readme:end
    }

    static void tensorEngine(Drawings drawings) {
        // readme:tensor-mlp
        var scalar = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 4, 1));
        var tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 4, 1));
        System.out.println(Arrays.equals(scalar.parameterValues(), tensor.parameterValues()));   // true

        for (int i = 0; i < tensor.layers().size(); i++) {
            tensor.layers().get(i).weight().label("W" + (i + 1));         // layer i's weights, one row per neuron
            tensor.layers().get(i).bias().label("b" + (i + 1));
        }
        Tensor xs = Tensor.constant(new double[][] {{2.0, 3.0, -1.0}, {3.0, -1.0, 0.5}, {0.5, 1.0, 1.0}, {1.0, 1.0, -1.0}}).label("xs");
        Tensor ys = Tensor.constant(new double[][] {{1.0}, {-1.0}, {-1.0}, {1.0}}).label("ys");
        Tensor loss = tensor.forward(xs).sub(ys).pow(2).sum().label("loss");    // the whole batch, one graph
        loss.backward();
        System.out.printf("loss %.4f%n", loss.item());
        // readme:end
        drawings.addTopDown("tensor-mlp", loss.toDot());
    }

    static double moons() {
        // readme:moons
        DataSet data = DataSets.moons(100, 0.1, 1);                        // 100 points, labels ±1
        var model = new org.backprop4j.nn.tensor.MLP(Architecture.of(2, List.of(16, 16, 1))
                .withActivations(Activation.RELU, Activation.IDENTITY));  // micrograd's demo network

        History history = new Trainer(model, Loss.HINGE, Optimizer.sgd(LearningRate.linear(1.0, 0.1, 100)))
                .l2(1e-4)                                                  // a small penalty on large weights
                .epochs(100)                                               // full batch: one step per epoch
                .fit(data);
        System.out.printf("loss %.3f → %.3f, training accuracy %.0f%%%n", history.epochLosses().get(0),
                history.finalLoss(), 100 * Metrics.accuracy(model.predict(data.inputs()), data.targets()));
        // readme:end
        return history.finalLoss();
    }

    static void optimizers() {
        // readme:optimizers
        DataSet data = DataSets.moons(100, 0.1, 1);
        Architecture architecture = Architecture.of(2, List.of(16, 16, 1)).withActivations(Activation.TANH, Activation.IDENTITY);
        Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        optimizers.put("SGD", Optimizer.sgd(0.05));                     // p −= 0.05·g
        optimizers.put("momentum", Optimizer.momentum(0.05, 0.9));      // a velocity v = 0.9·v + g; p −= 0.05·v
        optimizers.put("Adam", Optimizer.adam(0.01));                   // a step per parameter, scaled by its gradients' history
        for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
            var model = new org.backprop4j.nn.tensor.MLP(architecture);   // the same start for each
            History history = new Trainer(model, Loss.MEAN_SQUARED, e.getValue()).epochs(50).batchSize(20).fit(data);
            System.out.printf("%-8s loss after 50 epochs %.3f%n", e.getKey(), history.finalLoss());
        }
        // readme:end
    }

    static double digits() {
        // readme:digits
        DataSet.Split split = DataSets.digits().split(0.2, 42);            // 1,797 8×8 images, 20% held out
        var model = new org.backprop4j.nn.tensor.MLP(Architecture.of(64, List.of(64, 10))
                .withActivations(Activation.TANH, Activation.IDENTITY)      // 10 logits, one per digit
                .withInit(Init.GLOROT).withSeed(7));
        new Trainer(model, Loss.SOFTMAX_CROSS_ENTROPY, Optimizer.adam(0.01))
                .epochs(10).batchSize(32).seed(3)
                .fit(split.train());
        double accuracy = Metrics.accuracy(model.predict(split.test().inputs()), split.test().targets());
        System.out.printf("%d training images, %d test images, test accuracy %.0f%%%n",
                split.train().size(), split.test().size(), 100 * accuracy);
        // readme:end
        return accuracy;
    }

    static void checkpoints(Path folder) throws IOException {
        // readme:checkpoints
        var trained = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 4, 1));
        new Trainer(trained, Loss.SUM_OF_SQUARES, Optimizer.sgd(0.05)).epochs(20).fit(DataSets.seed());
        Path file = folder.resolve("seed.bp4j");
        Checkpoint.save(trained, file);

        var restored = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 4, 1));   // the other engine
        Checkpoint.load(file, restored);
        System.out.println(Arrays.equals(trained.parameterValues(), restored.parameterValues()));   // true

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;                                           // one bit flipped
        Files.write(file, bytes);
        try {
            Checkpoint.load(file, restored);
        } catch (CheckpointException e) {
            System.out.println(e.getMessage());
        }
        // readme:end
    }
    static void onnxExport(Path folder) throws IOException, OrtException {
        // readme:onnx-export
        DataSet.Split split = DataSets.digits().split(0.2, 42);
        var model = new org.backprop4j.nn.tensor.MLP(Architecture.of(64, List.of(64, 10))
                .withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT).withSeed(7));
        new Trainer(model, Loss.SOFTMAX_CROSS_ENTROPY, Optimizer.adam(0.01)).epochs(10).batchSize(32).seed(3).fit(split.train());
        Path file = folder.resolve("digits.onnx");
        Onnx.save(model, file);                          // Gemm and Tanh nodes, float64 weights, a "batch" dimension

        // What a service does with the file: ONNX Runtime (com.microsoft.onnxruntime:onnxruntime)
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        double[][] images = split.test().inputs();
        try (OrtSession session = environment.createSession(file.toString());
                OnnxTensor input = OnnxTensor.createTensor(environment, images);
                OrtSession.Result result = session.run(Map.of("input", input))) {
            double[][] logits = (double[][]) result.get(0).getValue();
            System.out.printf("ONNX Runtime: test accuracy %.0f%%%n", 100 * Metrics.accuracy(logits, split.test().targets()));
            double[][] here = model.predict(images);
            double largest = 0;                                          // ONNX Runtime against predict
            for (int i = 0; i < images.length; i++) {
                for (int j = 0; j < 10; j++) {
                    largest = Math.max(largest, Math.abs(logits[i][j] - here[i][j]));
                }
            }
            System.out.println("largest difference from predict below 1e-12: " + (largest < 1e-12));
        }
        // readme:end
    }

    static double onnxImport(Path folder) throws IOException {
        try (var exported = Walkthrough.class.getResourceAsStream("/org/backprop4j/nn/io/torch_digits.onnx")) {
            Files.copy(exported, folder.resolve("digits-torch.onnx"));
        }
        // readme:onnx-import
        Path file = folder.resolve("digits-torch.onnx");                   // written by the Python above
        var model = Onnx.load(file, org.backprop4j.nn.tensor.MLP::new);      // or org.backprop4j.nn.scalar.MLP::new
        System.out.println(model.architecture());
        DataSet.Split split = DataSets.digits().split(0.2, 42);
        DataSet test = split.test();
        System.out.printf("as PyTorch left it: test accuracy %.0f%%%n", 100 * Metrics.accuracy(model.predict(test.inputs()), test.targets()));
        new Trainer(model, Loss.SOFTMAX_CROSS_ENTROPY, Optimizer.adam(0.01)).epochs(10).batchSize(32).seed(3).fit(split.train());
        double accuracy = Metrics.accuracy(model.predict(test.inputs()), test.targets());
        System.out.printf("fine-tuned here: test accuracy %.0f%%%n", 100 * accuracy);
        Onnx.save(model, folder.resolve("digits-tuned.onnx"));                // back to PyTorch's world, or ONNX Runtime's
        // readme:end
        return accuracy;
    }

    static double pinn() {
        // readme:pinn
        var u = new org.backprop4j.nn.tensor.MLP(Architecture.of(1, List.of(20, 20, 1))
                .withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT).withSeed(1));
        double[] points = new double[99];
        double[] source = new double[99];
        for (int i = 0; i < 99; i++) {
            points[i] = (i + 1) / 100.0;                                     // 0.01 … 0.99
            source[i] = Math.PI * Math.PI * Math.sin(Math.PI * points[i]);   // −f, where u″ = f
        }
        Tensor x = Tensor.of(99, 1, points);                                 // of, not constant: we differentiate by x
        Tensor f = Tensor.constant(99, 1, source);
        Tensor ends = Tensor.constant(2, 1, 0.0, 1.0);
        Optimizer adam = Optimizer.adam(1e-3);
        double loss = 0;
        for (int step = 0; step < 1000; step++) {
            Tensor du = u.forward(x).sum().gradient(x);                       // u′ at every point, 99×1
            Tensor d2u = du.sum().gradient(x);                                // u″ at every point
            Tensor total = d2u.add(f).pow(2).mean()                           // the equation's residual …
                    .add(u.forward(ends).pow(2).sum());                       // … and u(0)² + u(1)²
            u.zeroGrad();
            total.backward();                                                 // through u″ into W and b
            adam.step(u);
            loss = total.item();
        }
        System.out.printf("loss %.1e, u(0.5) = %.2f%n", loss, u.predict(new double[][] {{0.5}})[0][0]);
        // readme:end
        return loss;
    }
}
