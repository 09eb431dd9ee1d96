package org.backprop4j.nn.io;

import java.util.List;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.Trainer;

/** The model the save-and-load tests write: a small scalar MLP after three epochs of SGD on seeded data. */
final class TrainedModel {

    /** 3 inputs, a ReLU layer of 4 and an identity layer of 2, Glorot initialisation, seed 99. */
    static final Architecture SHAPE = Architecture.of(3, List.of(4, 2)).withActivations(Activation.RELU, Activation.IDENTITY)
            .withInit(Init.GLOROT).withSeed(99);

    private TrainedModel() {
    }

    /** A scalar MLP of {@link #SHAPE} after three epochs of SGD (rate 0.1, mean squared loss) on five seeded Gaussian examples. */
    static org.backprop4j.nn.scalar.MLP scalar() {
        org.backprop4j.nn.scalar.MLP mlp = new org.backprop4j.nn.scalar.MLP(SHAPE);
        new Trainer(mlp, Loss.MEAN_SQUARED, Optimizer.sgd(0.1)).epochs(3)
                .fit(new DataSet(DataSets.gaussian(5, 3, 1), DataSets.gaussian(5, 2, 2)));
        return mlp;
    }
}
