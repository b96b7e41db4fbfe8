package org.coopstats.disclosure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * What an intruder can work out: for each suppressed cell, the lowest and highest value consistent
 * with the published cells and the relations, by linear programming over its component (the
 * suppressed cells are the variables, each relation an equality once the published values are
 * substituted, non-negative cells bounded below by zero).
 */
final class LinearAudit {

  /**
   * Every variable is boxed far beyond any value the data allow, so that each program is bounded;
   * an optimum out at the box means the intruder's interval is open on that side.
   */
  private static final double BOX = 100;

  private final Links links;
  private final double box;
  private int linearPrograms;

  LinearAudit(Links links) {
    this.links = links;
    double sum = 0;
    for (Cell cell : links.cells) {
      sum += cell.isHidden() ? 0 : Math.abs(cell.value());
    }
    this.box = BOX * (sum + 1);
  }

  int linearPrograms() {
    return linearPrograms;
  }

  /**
   * Fills low and high for the wanted suppressed cells (each solved over its whole component);
   * other entries are left as they are.
   */
  void intervals(boolean[] suppressed, boolean[] wanted, double[] low, double[] high) {
    Components components = new Components(links, suppressed);
    for (List<Integer> group : components.groups()) {
      if (group.stream().noneMatch(c -> wanted[c])) {
        continue;
      }
      Model model = model(group, suppressed);
      for (int local = 0; local < group.size(); local++) {
        int cell = group.get(local);
        if (wanted[cell]) {
          low[cell] = model.extreme(local, false);
          high[cell] = model.extreme(local, true);
        }
      }
    }
  }

  private Model model(List<Integer> group, boolean[] suppressed) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Map<Integer, Variable> variables = new LinkedHashMap<>();
    for (int cell : group) {
      Variable variable = model.addVariable("c" + cell).upper(box);
      variable.lower(links.cells.get(cell).nonNegative() ? 0 : -box);
      variables.put(cell, variable);
    }
    boolean[] seen = new boolean[links.relations.size()];
    for (int cell : group) {
      for (int r : links.relationsOf[cell]) {
        if (!seen[r]) {
          seen[r] = true;
          equation(model, r, suppressed, variables);
        }
      }
    }
    return new Model(model);
  }

  /** total - sum(parts) = 0, the published cells moved to the right-hand side. */
  private void equation(
      ExpressionsBasedModel model, int r, boolean[] suppressed, Map<Integer, Variable> variables) {
    int[] members = links.members(r);
    double[] coefficients = new double[members.length];
    double level = 0;
    for (int i = 0; i < members.length; i++) {
      double sign = i == 0 ? 1 : -1;
      if (suppressed[members[i]]) {
        coefficients[i] = sign;
      } else {
        level -= sign * links.cells.get(members[i]).value();
      }
    }
    Expression expression = model.addExpression("r" + r).level(level);
    Map<Variable, Double> terms = new LinkedHashMap<>();
    for (int i = 0; i < members.length; i++) {
      if (coefficients[i] != 0) {
        terms.merge(variables.get(members[i]), coefficients[i], Double::sum);
      }
    }
    terms.forEach(expression::set);
  }

  /** One component's program, solved for each of its cells in turn. */
  private final class Model {
    private final ExpressionsBasedModel model;

    Model(ExpressionsBasedModel model) {
      this.model = model;
    }

    double extreme(int local, boolean maximise) {
      // A copy each time: solving may tighten the model's bounds, and the weight is per target.
      ExpressionsBasedModel program = model.copy();
      program.getVariable(local).weight(1);
      Optimisation.Result result = maximise ? program.maximise() : program.minimise();
      linearPrograms++;
      Optimisation.State state = result.getState();
      double open = maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      if (state == Optimisation.State.UNBOUNDED) {
        return open;
      }
      if (!state.isFeasible()) {
        return Double.NaN;
      }
      double value = result.getValue();
      return Math.abs(value) >= box / 2 ? open : value;
    }
  }
}
