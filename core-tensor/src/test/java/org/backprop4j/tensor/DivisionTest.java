package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Tensor#div(double)} is the IEEE quotient a/c of every element, as {@link Tensor#div(Tensor)}
 * and PyTorch compute it, not a·(1/c) (issue 20, item 2): 1/c rounds, overflows for subnormal c and
 * loses the exact quotient.
 */
class DivisionTest {

    @ParameterizedTest(name = "{0} / {1} = {2}")
    @CsvSource({
        "3, 10, 0.3",
        "1e-300, 1e-320, 1.0000111329412581e20",
        "1e-310, 1e-310, 1.0",
        "0, 1e-310, 0.0",
        "-7, 0.1, -70.0"})
    void divisionByAConstantIsTheIeeeQuotient(double a, double c, double quotient) {
        Tensor x = Tensor.of(1, 2, a, 2 * a);
        Tensor byConstant = x.div(c);
        Tensor byTensor = x.div(Tensor.constant(1, 1, c));
        assertEquals(quotient, byConstant.toArray()[0][0], 0.0);
        assertEquals(Double.doubleToLongBits(byTensor.toArray()[0][0]), Double.doubleToLongBits(byConstant.toArray()[0][0]));
        assertEquals(Double.doubleToLongBits(byTensor.toArray()[0][1]), Double.doubleToLongBits(byConstant.toArray()[0][1]));
        try (Anomaly.Scope scope = Anomaly.detect()) {
            assertEquals(quotient, x.div(c).toArray()[0][0], 0.0, "a finite quotient passes anomaly detection");
        }
    }

    @ParameterizedTest(name = "d(x / {0})/dx")
    @CsvSource({"10", "1e-310", "-0.3"})
    void theDerivativeOfDivisionByAConstantIsTheGradientDividedByIt(double c) {
        Tensor x = Tensor.of(1, 2, 3.0, -1.0);
        x.div(c).mul(Tensor.constant(1, 2, 2.0, 5.0)).sum().backward();
        assertEquals(2.0 / c, x.grad().data[0], 0.0);
        assertEquals(5.0 / c, x.grad().data[1], 0.0);
    }

    @ParameterizedTest(name = "{0} / {1} under anomaly detection")
    @CsvSource({"1, 0", "1e300, 1e-300", "0, 0"})
    void aNonFiniteQuotientUnderAnomalyDetectionNamesDivision(double a, double c) {
        Tensor x = Tensor.of(1, 1, a);
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> x.div(c));
            assertTrue(e.getMessage().startsWith("forward of '/c' produced"), e.getMessage());
        }
    }
}
