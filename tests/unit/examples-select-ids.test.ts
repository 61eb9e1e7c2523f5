import fs from "node:fs";
import path from "node:path";
import {
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  buildSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  isUnionType,
  parse,
} from "graphql";

const read = (name: string) => fs.readFileSync(path.join(__dirname, "../../schema", name), "utf8");

/** The fields a selection set picks for an object of type `object`, inline fragments included. */
function fieldsFor(schema: GraphQLSchema, set: SelectionSetNode, object: GraphQLObjectType): string[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind !== Kind.INLINE_FRAGMENT) return [];
    const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
    const applies =
      !condition ||
      condition === object ||
      (isAbstractType(condition) && schema.isSubType(condition, object));
    return applies ? fieldsFor(schema, selection.selectionSet, object) : [];
  });
}

/** Every place where an object with an `id` is selected without it: "Operation path (Type)". */
function missingIds(schema: GraphQLSchema, operation: OperationDefinitionNode): string[] {
  const missing: string[] = [];
  const visit = (set: SelectionSetNode, type: GraphQLCompositeType, at: string) => {
    const objects = isObjectType(type) ? [type] : schema.getPossibleTypes(type);
    for (const object of objects) {
      const picked = fieldsFor(schema, set, object);
      const selectsSomething = picked.some((name) => name !== "__typename");
      if (selectsSomething && "id" in object.getFields() && !picked.includes("id")) {
        missing.push(`${at} (${object.name})`);
      }
    }
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType)
          : type;
        visitChildren(selection.selectionSet, condition, at);
      }
    }
    visitChildren(set, type, at);
  };
  const visitChildren = (set: SelectionSetNode, type: GraphQLCompositeType, at: string) => {
    if (isUnionType(type)) return;
    const fields = type.getFields();
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
      const field = fields[selection.name.value];
      const child = field && getNamedType(field.type);
      if (child && isCompositeType(child))
        visit(selection.selectionSet, child, `${at}.${selection.name.value}`);
    }
  };
  visit(operation.selectionSet, schema.getQueryType()!, operation.name!.value);
  return missing;
}

describe("the example operations", () => {
  const schema = buildSchema(read("schema.graphql"));
  const operations = parse(read("examples.graphql")).definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );

  it.each(operations.map((o) => [o.name!.value, o]))(
    "%s selects `id` wherever it selects an object that has one, so that client caches can normalise it",
    (_name, operation) => {
      expect(missingIds(schema, operation as OperationDefinitionNode)).toEqual([]);
    },
  );
});
