import { z } from 'zod';
import { EngineRejection } from '../../errors.js';
import { evaluateFeelWithWarnings, FeelError } from '../../runtime/feel.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { NonBlank, parseRequest, tenantIdOf, Variables } from '../validation.js';

const EvaluateExpression = z.object({
  expression: NonBlank('expression'),
  tenantId: tenantIdOf('Evaluate Expression'),
  variables: Variables,
});

/**
 * POST /v2/expression/evaluation: an expression as an attribute of a diagram holds it, so `=…` is
 * FEEL and anything else is static text; the variables live for this one evaluation only.
 */
export function expressionRoutes(t: RouteTable, _deps: RouteDeps): void {
  t.add('post', '/expression/evaluation', (req, res) => {
    const body = parseRequest(EvaluateExpression, req.body ?? {});
    const expression = body.expression.trim();
    if (!expression.startsWith('=')) {
      res.json({ expression: body.expression, result: body.expression, warnings: [] });
      return;
    }
    try {
      const { value, warnings } = evaluateFeelWithWarnings(expression.slice(1), body.variables);
      res.json({ expression: body.expression, result: value, warnings: warnings.map((message) => ({ message })) });
    } catch (error) {
      if (error instanceof FeelError) throw EngineRejection.invalidArgument(error.message);
      throw error;
    }
  });
}
