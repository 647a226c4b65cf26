import { describe, expect, it } from "vitest";
import { renderTemplate, TemplateError, type TemplateInput } from "./render.js";
import { base64Decode, base64Encode, escapeJavaScript, parseJson, urlDecode, urlEncode } from "./util.js";

const PETS = JSON.stringify({
  pets: [
    { id: 1, type: "dog", price: 249.99 },
    { id: 2, type: "cat", price: 124.99 },
    { id: 3, type: "fish", price: 0.99 },
  ],
});

function input(over: Partial<TemplateInput> = {}): TemplateInput {
  return {
    body: "",
    params: { path: {}, querystring: {}, header: {} },
    context: {},
    stageVariables: {},
    ...over,
  };
}

describe("$util", () => {
  it.each([
    ["x'y", "x\\'y"],
    ['say "hi"', 'say \\"hi\\"'],
    ["a\\b", "a\\\\b"],
    ["a/b", "a\\/b"],
    ["l1\nl2\tx\r", "l1\\nl2\\tx\\r"],
    ["\u0001", "\\u0001"],
    ["café", "caf\\u00E9"],
    ["€", "\\u20AC"],
    [42, "42"],
  ])("escapeJavaScript(%j) is %j", (value, expected) => {
    expect(escapeJavaScript(value)).toBe(expected);
  });

  it.each([
    ["a b&c=d/é", "a+b%26c%3Dd%2F%C3%A9"],
    ["*-._", "*-._"],
    ["!'()~", "%21%27%28%29%7E"],
  ])("urlEncode(%j) is %j, and urlDecode reverses it", (value, expected) => {
    expect(urlEncode(value)).toBe(expected);
    expect(urlDecode(expected)).toBe(value);
  });

  it.each([
    ["a+b%20c", "a b c"],
    ["100%", "100%"],
    ["%E2%82%AC and %zz", "€ and %zz"],
  ])("urlDecode(%j) is %j", (value, expected) => {
    expect(urlDecode(value)).toBe(expected);
  });

  it("base64 round-trips UTF-8", () => {
    expect(base64Encode("héllo")).toBe("aMOpbGxv");
    expect(base64Decode("aMOpbGxv")).toBe("héllo");
  });

  it("parseJson gives an object, or null for bad JSON", () => {
    expect(parseJson('{"a":[1]}')).toEqual({ a: [1] });
    expect(parseJson("{nope")).toBeNull();
  });
});

describe("renderTemplate with AWS's documented examples", () => {
  it("$util.parseJson of an error message (the $util reference example)", () => {
    const body = JSON.stringify({ errorMessage: JSON.stringify({ key1: "var1", key2: { arr: [1, 2, 3] } }) });
    const template =
      "#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))\n" +
      '{\n   "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0]\n}\n';
    expect(JSON.parse(renderTemplate(template, input({ body })))).toEqual({ errorMessageObjKey2ArrVal: 1 });
  });

  it("params, path().size() and json() (the $input request example)", () => {
    const template =
      '{\n    "id" : "$input.params(\'id\')",\n    "count" : "$input.path(\'$.things\').size()",\n    "things" : $input.json(\'$.things\')\n}';
    const out = renderTemplate(
      template,
      input({ body: JSON.stringify({ things: { 1: {}, 2: {}, 3: {} } }), params: { path: { id: "abc" }, querystring: {}, header: {} } }),
    );
    expect(JSON.parse(out)).toEqual({ id: "abc", count: "3", things: { 1: {}, 2: {}, 3: {} } });
  });

  it("passes every parameter through with keySet/get/$foreach.hasNext (the parameter mapping example)", () => {
    const template = `#set($allParams = $input.params())
{
  "params" : {
    #foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
    "$type" : {
      #foreach($paramName in $params.keySet())
      "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
      #if($foreach.hasNext),#end
      #end
    }
    #if($foreach.hasNext),#end
    #end
  }
}`;
    const params = { path: { id: "7" }, querystring: { q: "a b", n: "1" }, header: { "User-Agent": 'curl "x"' } };
    expect(JSON.parse(renderTemplate(template, input({ params })))).toEqual({
      params: { path: { id: "7" }, querystring: { q: "a b", n: "1" }, header: { "User-Agent": 'curl "x"' } },
    });
  });

  it("$context variables (the context example)", () => {
    const context = {
      stage: "prod",
      requestId: "abcdefg-000-000-0000-abcdefg",
      apiId: "abcd1234",
      resourcePath: "/",
      resourceId: "efg567",
      httpMethod: "GET",
      identity: { sourceIp: "192.0.2.1", userAgent: "curl/7.84.0", apiKey: "MyTestKey" },
    };
    const template =
      '{"stage":"$context.stage","request_id":"$context.requestId","api_id":"$context.apiId","resource_path":"$context.resourcePath",' +
      '"resource_id":"$context.resourceId","http_method":"$context.httpMethod","source_ip":"$context.identity.sourceIp",' +
      '"user-agent":"$context.identity.userAgent","api_key":"$context.identity.apiKey"}';
    expect(JSON.parse(renderTemplate(template, input({ context })))).toEqual({
      stage: "prod",
      request_id: "abcdefg-000-000-0000-abcdefg",
      api_id: "abcd1234",
      resource_path: "/",
      resource_id: "efg567",
      http_method: "GET",
      source_ip: "192.0.2.1",
      "user-agent": "curl/7.84.0",
      api_key: "MyTestKey",
    });
  });

  it("the three $stageVariables forms", () => {
    const out = renderTemplate("$stageVariables.env|$stageVariables['env']|${stageVariables['env']}", input({ stageVariables: { env: "dev" } }));
    expect(out).toBe("dev|dev|dev");
  });

  it("escapeJavaScript(...).replaceAll(\"\\\\'\",\"'\") as AWS recommends for JSON properties", () => {
    const template = `{"name": "$util.escapeJavaScript($input.path('$.name')).replaceAll("\\\\'","'")"}`;
    expect(JSON.parse(renderTemplate(template, input({ body: JSON.stringify({ name: `O'Brien "Bob"` }) })))).toEqual({ name: `O'Brien "Bob"` });
  });
});

describe("$input", () => {
  it.each([
    ["$input.body", PETS, PETS],
    ["$input.json('$')", '{"a": 1}', '{"a":1}'],
    ["$input.json('$.pets[0]')", PETS, '{"id":1,"type":"dog","price":249.99}'],
    ["$input.json('$.pets[*].type')", PETS, '["dog","cat","fish"]'],
    ["$input.json('$.pets[0].type')", PETS, '"dog"'],
    ["$input.path('$.pets[0].type')", PETS, "dog"],
    ["$input.path('$.pets').size()", PETS, "3"],
    ["$input.path('$.pets')[1].type", PETS, "cat"],
    ["$input.path('$.pets[2].price')", PETS, "0.99"],
    ["$input.path('$').pets.size()", PETS, "3"],
    ["$input.path('$.pets[0]')", PETS, "{id=1, type=dog, price=249.99}"],
    ["#foreach($p in $input.path('$.pets'))$p.id#end", PETS, "123"],
    ["#if($input.path('$.pets[0].price') > 200)dear#{else}cheap#end", PETS, "dear"],
    ["$input.json('$')", "", "{}"],
    ["[$input.json('$.missing')]", '{"a":1}', "[]"],
    ["$!input.path('$.nothing')", '{"a":null}', ""],
    ["$input.path('$.a')", '{"a":"x"}', "x"],
    ["$input.path('$')", "plain text", "plain text"],
    ["$input.path('$')", '{"__proto__":"x","b":1}', "{__proto__=x, b=1}"],
  ])("%s over %s", (template, body, expected) => {
    expect(renderTemplate(template, input({ body }))).toBe(expected);
  });

  it("params(name) searches the path, then the query string, then headers", () => {
    const params = { path: { id: "p" }, querystring: { id: "q", q: "only-q" }, header: { id: "h", "X-Trace": "t" } };
    expect(renderTemplate("$input.params('id') $input.params('q') $input.params('x-trace') [$input.params('none')]", input({ params }))).toBe(
      "p only-q t []",
    );
  });

  it("params(name) finds only parameters: names of Object's members are no exception", () => {
    const params = { path: {}, querystring: Object.fromEntries([["constructor", "c"], ["__proto__", "p"]]), header: { "X-A": "a" } };
    expect(renderTemplate("[$input.params('toString')] [$input.params('constructor')] [$input.params('__proto__')] [$input.params('hasOwnProperty')]", input({ params }))).toBe(
      "[] [c] [p] []",
    );
  });
});

describe("Java methods templates call", () => {
  it.each([
    ['#set($s = "a-b-c")$s.length()', "5"],
    ['#set($s = "a.b.c")$s.replace(".", "/")', "a/b/c"],
    ['#set($s = "a1b22")$s.replaceAll("[0-9]+", "#")', "a#b#"],
    ['#set($s = "abc")$s.matches("a.c") $s.matches("b")', "true false"],
    ['#set($s = "a,b,,")$s.split(",").size()', "2"],
    ['#set($s = "Abc")$s.equalsIgnoreCase("aBC")', "true"],
    ['#set($m = {"k": 1})$m.containsKey("k") $m.containsKey("z") $m.isEmpty()', "true false false"],
  ])("%s", (template, expected) => {
    expect(renderTemplate(template, input())).toBe(expected);
  });

  it("a template that does not parse is a TemplateError naming the cause", () => {
    expect(() => renderTemplate("#if($x", input())).toThrow(TemplateError);
  });
});
