// What the bench scripts share to generate their data: a small deterministic random generator
// (mulberry32: the same seed gives the same file on every machine) and the unit names of the
// generated companies.

/** A generator of numbers in [0, 1) from a seed. */
export function mulberry32(seed) {
  let s = seed
  return () => {
    s = (s + 0x6d2b79f5) | 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Regions and kinds of department: 华东财务部, 总部信息技术部 … */
export const UNIT_PREFIX = ['华东', '华南', '华北', '西南', '西北', '东北', '华中', '总部', '海外', '研究院']
export const UNIT_KIND = ['财务部', '人力资源部', '信息技术部', '采购部', '质量管理部', '行政部', '仓储物流部', '研发部', '销售部', '生产部']
