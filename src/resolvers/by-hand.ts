/**
 * Resolver methods whose fields are data (a row of the model's tables), not written
 * methods: the decorators are applied by hand, and `design:*` metadata is set to what tsc
 * would have emitted for a written method, so type-graphql reads them as it reads any other.
 */
export type ParameterDecorator = (prototype: object, method: string, index: number) => void;
export type MethodDecorator = (prototype: object, method: string, descriptor: PropertyDescriptor) => void;

/** A class named `name` with no methods yet, to add methods to with `addMethod`. */
export function namedClass(name: string): new () => object {
  const made = class {};
  Object.defineProperty(made, "name", { value: name });
  return made;
}

/**
 * Adds `method` to the class's prototype as `name`, with one decorator per parameter (in
 * order, each with the runtime type tsc would record) and the method's own decorator.
 */
export function addMethod(
  type: new () => object,
  name: string,
  method: (...args: never[]) => unknown,
  parameters: readonly { decorator: ParameterDecorator; type: unknown }[],
  decorator: MethodDecorator,
): void {
  const prototype = type.prototype as Record<string, unknown>;
  prototype[name] = method;
  Reflect.defineMetadata(
    "design:paramtypes",
    parameters.map((p) => p.type),
    prototype,
    name,
  );
  Reflect.defineMetadata("design:returntype", Promise, prototype, name);
  parameters.forEach((p, index) => p.decorator(prototype, name, index));
  decorator(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
}
