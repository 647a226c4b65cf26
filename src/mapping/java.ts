// Pure: JSON values as API Gateway's Java VTL engine holds them. velocityjs already prints maps
// and lists the Java way ({a=1}, [1, 2]); what differs is null, which Velocity treats as a
// missing reference (printed as the reference text, or nothing with $!), so JSON null becomes
// undefined here.
export function javaValue(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(javaValue);
  if (typeof value === "object") {
    // fromEntries defines own properties: a key "__proto__" stays a key
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, javaValue(v)]));
  }
  return value;
}
