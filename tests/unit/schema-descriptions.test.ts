import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from "graphql";
import { buildGraphQLSchema } from "../../src/schema";

describe("the schema reads well in a playground", () => {
  it("describes every type, field and argument", async () => {
    const schema = await buildGraphQLSchema();
    const missing: string[] = [];

    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name))
        continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type) && !type.description) missing.push(type.name);
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }

    expect(missing).toEqual([]);
  });
});
