// Just enough typing for json-logic-js 2.0 (the package ships none) to use it from the benchmark.
declare module "json-logic-js" {
  export type RulesLogic = boolean | number | string | null | RulesLogic[] | { [operator: string]: RulesLogic };

  interface JsonLogic {
    apply(logic: RulesLogic, data?: unknown): unknown;
    truthy(value: unknown): boolean;
    add_operation(name: string, code: (...args: never[]) => unknown): void;
  }

  const jsonLogic: JsonLogic;
  export default jsonLogic;
}
