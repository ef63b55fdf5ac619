using System.Globalization;
using System.Text;
using Bogus;

namespace MotCua.Registers.Bench;

/// <summary>
/// Realistic old civil-status entries as CSV lines (the import layout of docs/registers.md): Vietnamese names with the
/// real frequency of family names (Nguyễn ~38 %, Trần ~11 %, Lê ~9.5 %, ...), common middle and given names by sex,
/// parents sharing the father's family name, births from 1930 to 2024 registered within weeks, some deaths and marriages.
/// Deterministic for a seed.
/// </summary>
public sealed class RegisterEntryGenerator(int seed)
{
    public static readonly (string Name, double Percent)[] FamilyNames =
    [
        ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 2.6), ("Huỳnh", 2.4), ("Phan", 4.5), ("Vũ", 2.0),
        ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5),
        ("Đinh", 0.8), ("Trương", 0.8), ("Lâm", 0.6), ("Mai", 0.5), ("Đoàn", 0.5), ("Tô", 0.4), ("Cao", 0.4), ("Lương", 0.4),
        ("Trịnh", 0.4), ("Tạ", 0.3), ("Châu", 0.3), ("Quách", 0.2), ("Thái", 0.3), ("La", 0.2), ("Lạc", 0.05), ("Kha", 0.05),
        ("Âu", 0.05), ("Diệp", 0.1), ("Thạch", 0.3), ("Sơn", 0.2), ("Kim", 0.2), ("Danh", 0.2), ("Chau", 0.1),
    ];

    private static readonly string[] MaleMiddle = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Ngọc", "Hoàng", "Xuân", "Tấn", "Thành"];
    private static readonly string[] FemaleMiddle = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Bích", "Hồng", "Phương", "Diễm"];
    private static readonly string[] MaleGiven =
    [
        "An", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khánh", "Khoa", "Long", "Lộc", "Minh", "Nam",
        "Nghĩa", "Phong", "Phúc", "Quang", "Sang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt",
        "Vinh", "Bảy", "Sáu", "Tư", "Năm", "Hậu", "Lợi", "Phát", "Tín", "Trí", "Nhân", "Hiển", "Kiệt", "Quý", "Thông", "Vũ",
    ];
    private static readonly string[] FemaleGiven =
    [
        "An", "Anh", "Ánh", "Bích", "Chi", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Huyền",
        "Lan", "Liên", "Linh", "Loan", "Mai", "Mến", "My", "Nga", "Ngân", "Ngọc", "Nhàn", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo",
        "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến", "Lụa", "Mười", "Út", "Nhi", "Tiên", "Thơ",
    ];

    private readonly Randomizer _random = new(seed);
    private readonly string[] _family = FamilyNames.Select(f => f.Name).ToArray();
    // Bogus draws against weights that sum to 1.
    private readonly float[] _weights = FamilyNames.Select(f => (float)(f.Percent / FamilyNames.Sum(x => x.Percent))).ToArray();

    public const string Header = "kind,unit_code,book_number,year,page,entry_number,registered_on,full_name,date_of_birth,sex,place_of_birth,father_name,mother_name,spouse_name,notes,scan_ref";

    public string Family() => _random.WeightedRandom(_family, _weights);

    public string Name(bool male, string? family = null) =>
        $"{family ?? Family()} {_random.ArrayElement(male ? MaleMiddle : FemaleMiddle)} {_random.ArrayElement(male ? MaleGiven : FemaleGiven)}";

    /// <summary>The CSV lines of <paramref name="count"/> entries kept by the given old units; entry numbers unique per book and year.</summary>
    public IEnumerable<string> Lines(IReadOnlyList<string> bookUnits, long count, int firstEntry)
    {
        var line = new StringBuilder(256);
        for (long i = 0; i < count; i++)
        {
            line.Clear();
            var unit = bookUnits[(int)(i % bookUnits.Count)];
            var roll = _random.Double();
            var kind = roll < 0.72 ? "birth" : roll < 0.9 ? "death" : "marriage";
            var male = _random.Bool();
            var family = Family();
            DateOnly born, registered;
            if (kind == "birth")
            {
                born = new DateOnly(1930, 1, 1).AddDays(_random.Int(0, 34_000));
                registered = born.AddDays(_random.Int(1, 60));
            }
            else
            {
                registered = new DateOnly(_random.Int(1960, 2024), _random.Int(1, 12), _random.Int(1, 28));
                born = registered.AddDays(-_random.Int(18 * 366, 80 * 366));
            }
            var year = registered.Year;
            var entry = (firstEntry + i).ToString(CultureInfo.InvariantCulture);
            line.Append(kind).Append(',').Append(unit).Append(",01,").Append(year).Append(',').Append(1 + i % 200 / 4).Append(',')
                .Append(entry).Append(',').Append(registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(Name(male, family)).Append(',')
                // One birth in five in the old books gives only the year.
                .Append(_random.Int(0, 4) == 0 ? born.Year.ToString(CultureInfo.InvariantCulture) : born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(',').Append(male ? "nam" : "nữ").Append(',')
                .Append(kind == "birth" ? "Trạm y tế xã" : "").Append(',')
                .Append(kind == "marriage" ? "" : Name(true, family)).Append(',')
                .Append(kind == "marriage" ? "" : Name(false)).Append(',')
                .Append(kind == "marriage" ? Name(!male) : "").Append(",,");
            yield return line.ToString();
        }
    }
}
